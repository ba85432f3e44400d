// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell code, where ${...} is the shell's.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIVE_COMPLETION_COMMANDS } from '../../../src/cli/commands/misc/complete-paths.js';
import { api } from '../../helpers/api.js';
import { devServer, HVR_BIN, type ServerProcess } from '../../helpers/server-process.js';

const execFileP = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const ZSH = readFileSync(join(ROOT, 'completions/_hvr'), 'utf8');
const FISH = readFileSync(join(ROOT, 'completions/hvr.fish'), 'utf8');

/**
 * Issue 11 item 12 for zsh and fish: their checked-in scripts complete paths from the live
 * node through `hvr __complete COMMAND WORD`, as the bash one does (Vault's
 * PredictVaultPaths). Neither zsh nor fish is installed on the CI machine and tests must
 * not install them, so this pins the call contract instead: the scripts ask for exactly the
 * commands hvr completes live, and the command line each script runs, executed by bash
 * with the variables the shell would have set, returns the node's paths.
 */
describe('zsh and fish scripts complete paths from the live node', () => {
  let server: ServerProcess;
  let home: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await devServer();
    home = await mkdtemp(join(tmpdir(), 'hvr-comp-'));
    const bin = join(home, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, 'hvr'),
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(HVR_BIN)} "$@"\n`,
      { mode: 0o755 },
    );
    const token = server.rootToken() ?? '';
    for (const path of ['comp/db', 'company', 'other']) {
      await api(server.address, `secret/data/${path}`, { token, body: { data: { a: '1' } } });
    }
    env = {
      HOME: home,
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      VAULT_ADDR: server.address,
      VAULT_TOKEN: token,
    };
  });
  afterAll(async () => {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  });

  /** Runs a shell line with bash, `cmd`/`here` and `cur` set as the completing shell sets them. */
  const run = async (line: string, command: string, word: string): Promise<string[]> => {
    const { stdout } = await execFileP(
      'bash',
      ['-c', `cmd=$1; here=$1; cur=$2; ${line}`, 'bash', command, word],
      {
        env,
      },
    );
    return stdout.split('\n').filter((l) => l !== '');
  };

  test('zsh: the live case arm lists the live commands; its __complete call returns the paths', async () => {
    const arm = /\n {4}\(([^)\n]+)\)\n {6}# Paths from the live node/.exec(ZSH)?.[1] ?? '';
    expect(arm.split('|').map((c) => c.replace(/^'|'$/g, ''))).toEqual([...LIVE_COMPLETION_COMMANDS]);
    const call = /\$\((hvr __complete "\$cmd" "\$cur" 2>\/dev\/null)\)/.exec(ZSH)?.[1];
    expect(call).toBeDefined();
    expect(await run(call ?? 'false', 'kv get', 'secret/com')).toEqual(['secret/comp/', 'secret/company']);
    expect(await run(call ?? 'false', 'list', 'secret/')).toEqual(['secret/comp/']);
    // Folders keep the cursor on the word (no space after `/`), files get one.
    expect(ZSH).toContain("compadd -S '' -- ${(M)live:#*/}");
  });

  test('fish: __hvr_live is offered for the live commands; its __complete call returns the paths', async () => {
    const condition = /complete -c hvr -n '__hvr_in (.+)' -a '\(__hvr_live\)'/.exec(FISH)?.[1] ?? '';
    expect(condition.split(' \\').map((c) => c.replace(/^ ?\\?'|\\'$/g, '').replace(/\\'$/, ''))).toEqual([
      ...LIVE_COMPLETION_COMMANDS,
    ]);
    const body = /function __hvr_live\n {4}set -l here \(__hvr_path\)\n {4}(.+)\nend/.exec(FISH)?.[1];
    expect(body).toBe('hvr __complete "$here" (commandline -ct) 2>/dev/null');
    // fish's (commandline -ct) is the word being completed: bash's "$cur".
    const call = (body ?? 'false').replace('(commandline -ct)', '"$cur"');
    expect(await run(call, 'kv get', 'secret/com')).toEqual(['secret/comp/', 'secret/company']);
    expect(await run(call, 'policy read', 'd')).toEqual(['default']);
  });
});
