import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('hvr help and hvr completion (local commands: no node is opened)', () => {
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-misc-'));
    env = { HOME: home, HVR_HOME: join(home, 'hvr') };
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('hvr help prints the root help, as hvr -h does', async () => {
    const help = await runCli(['help'], { env });
    const dashH = await runCli(['-h'], { env });
    expect(help.code).toBe(0);
    expect(help.stderr).toBe(dashH.stderr);
    expect(help.stderr).toMatch(/^Usage: hvr <command> \[args\]\n\nCommon commands:\n/);
    expect(help.stderr).toContain('    operator       Perform operator-specific tasks\n');
  });

  test('hvr help <command> and hvr help <group> match -h; unknown names exit 1', async () => {
    const read = await runCli(['help', 'read'], { env });
    expect(read.code).toBe(0);
    expect(read.stderr).toBe((await runCli(['read', '-h'], { env })).stderr);
    expect(read.stderr).toMatch(/^Usage: hvr read \[options\] PATH\n/);
    const init = await runCli(['help', 'operator', 'init'], { env });
    expect(init.stderr).toMatch(/^Usage: hvr operator init \[options\]\n/);
    expect(init.stderr).toContain('  -key-shares=');
    const group = await runCli(['help', 'operator'], { env });
    expect(group.code).toBe(0);
    expect(group.stderr).toContain('    generate-root    Generates a new root token\n');
    const nope = await runCli(['help', 'nope'], { env });
    expect(nope.code).toBe(1);
    expect(nope.stderr).toMatch(/\nUnknown command: nope\n$/);
  });

  test('hvr completion <shell> prints the checked-in script; other shells exit 1', async () => {
    const root = resolve(import.meta.dirname, '../../..');
    for (const [shell, file] of [
      ['bash', 'completions/hvr.bash'],
      ['zsh', 'completions/_hvr'],
      ['fish', 'completions/hvr.fish'],
    ] as const) {
      const res = await runCli(['completion', shell], { env });
      expect(res.code).toBe(0);
      expect(res.stdout).toBe(await readFile(join(root, file), 'utf8'));
    }
    const tcsh = await runCli(['completion', 'tcsh'], { env });
    expect(tcsh).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Unsupported shell "tcsh": expected one of bash, zsh, fish\n',
    });
    expect(await runCli(['completion'], { env })).toMatchObject({
      code: 1,
      stderr: 'Not enough arguments (expected 1, got 0)\n',
    });
  });
});
