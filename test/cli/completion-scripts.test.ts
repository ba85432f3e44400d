import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { completionModel, SHELLS, type Shell } from '../../src/cli/commands/misc/completion/model.js';
import { completionScript } from '../../src/cli/commands/misc/completion/render.js';
import { groupSummaryOf } from '../../src/cli/commands/misc/group-summary.js';
import { REPLICATION_PATHS } from '../../src/cli/commands/misc/replication-paths.js';
import { COMMANDS } from '../../src/cli/registry.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES: Readonly<Record<Shell, string>> = {
  bash: 'completions/hvr.bash',
  zsh: 'completions/_hvr',
  fish: 'completions/hvr.fish',
};
const script = (shell: Shell) => completionScript(shell, COMMANDS, groupSummaryOf(COMMANDS));
const hasShell = (name: string) => spawnSync(name, ['-c', 'exit 0']).status === 0;
/** Sources the bash script and prints what `_hvr` offers for the words given. */
const BASH_DRIVER = [
  'source "$1"',
  'shift',
  'COMP_WORDS=("$@")',
  'COMP_CWORD=$(( $# - 1 ))',
  '_hvr',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell code.
  'printf "%s\\n" "${COMPREPLY[@]}"',
].join('; ');

/** `hvr operator`'s subcommands, sorted, as the model and the bash script must list them. */
const OPERATOR_SUBCOMMANDS = [
  'generate-root',
  'init',
  'key-status',
  'members',
  'rekey',
  'rotate',
  'seal',
  'step-down',
  'unseal',
];
describe('completion scripts', () => {
  test.each(SHELLS)('completions/ holds the %s script made from today’s command list', (shell) => {
    const checkedIn = readFileSync(join(ROOT, FILES[shell]), 'utf8');
    // On drift: npm run build && node bin/hvr.js completion <shell> > <file>, for each shell.
    expect(checkedIn, `${FILES[shell]} is stale: regenerate it with "hvr completion ${shell}"`).toBe(
      script(shell),
    );
  });

  test('the model knows every command, its flags with -format values, and the replication paths', () => {
    const model = completionModel(COMMANDS, groupSummaryOf(COMMANDS));
    expect(model.children.get('operator')).toEqual(OPERATOR_SUBCOMMANDS);
    for (const spec of COMMANDS) expect(model.commands.has(spec.name)).toBe(true);
    const read = model.commands.get('read');
    expect(read?.flags.find((f) => f.names.includes('-format'))?.values).toEqual([
      'table',
      'json',
      'yaml',
      'pretty',
      'raw',
    ]);
    expect(read?.args).toContain('sys/replication/dr/secondary/promote');
    expect(model.commands.get('list')?.args).toContain('sys/replication/dr/secondary/');
    expect(model.summaries.get('operator')).toBe('Perform operator-specific tasks');
    expect(REPLICATION_PATHS).toContain('sys/replication/dr/secondary/generate-operation-token/attempt');
  });

  test('bash: commands, subcommands, flags, flag values (both spellings) and paths', () => {
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', BASH_DRIVER, 'bash', join(ROOT, FILES.bash), ...words], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter((l) => l !== '');
    expect(complete('hvr', 'oper')).toEqual(['operator']);
    expect(complete('hvr', 'operator', '')).toEqual(OPERATOR_SUBCOMMANDS);
    expect(complete('hvr', 'operator', 'generate-root', '-dr')).toEqual(['-dr-token']);
    expect(complete('hvr', 'read', '-format', 'y')).toEqual(['yaml']);
    expect(complete('hvr', 'read', '-format', '=', 'j')).toEqual(['json']);
    expect(complete('hvr', 'read', '-address', '')).toEqual([]);
    expect(complete('hvr', 'write', 'sys/replication/dr/primary/s')).toEqual([
      'sys/replication/dr/primary/secondary-token',
    ]);
    expect(complete('hvr', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  test.skipIf(!hasShell('zsh'))('zsh: the script parses and completes like bash', () => {
    const out = execFileSync(
      'zsh',
      [
        '-c',
        'compdef() { :; }; source "$1"; compadd() { print -r -- "$*"; }; words=(hvr read -format ""); CURRENT=4; _hvr',
        'zsh',
        join(ROOT, FILES.zsh),
      ],
      { encoding: 'utf8' },
    );
    expect(out).toBe('-- table json yaml pretty raw\n');
  });

  test.skipIf(!hasShell('fish'))('fish: the script parses and completes like bash', () => {
    const out = execFileSync(
      'fish',
      ['-c', 'source $argv[1]; complete -C"hvr operator generate-root -dr"', join(ROOT, FILES.fish)],
      { encoding: 'utf8' },
    );
    expect(out.split('\t')[0]).toBe('-dr-token');
  });
});
