import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../../helpers/api.js';
import { runCli } from '../../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../../helpers/server-process.js';

describe('hvr operator rekey, operator step-down and path-help against an hvr server', () => {
  let server: ServerProcess;
  let home: string;
  let env: Record<string, string>;
  let newKeys: string[];
  let verifyNonce: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-rekey-'));
    server = await devServer();
    env = { HOME: home, HVR_HOME: home, VAULT_ADDR: server.address, VAULT_TOKEN: String(server.rootToken()) };
  });
  afterAll(async () => {
    await server?.stop();
    await rm(home, { recursive: true, force: true });
  });

  test('rekey -init and the current key from the command line print the new shares', async () => {
    const noRekey = await runCli(['operator', 'rekey', 'abc'], { env });
    expect(noRekey).toMatchObject({ code: 1, stdout: '' });
    expect(noRekey.stderr).toBe(
      'No rekey is in progress. Start a rekey process by running "vault operator\nrekey -init".\n',
    );

    const init = await runCli(
      ['operator', 'rekey', '-init', '-key-shares=3', '-key-threshold=2', '-verify'],
      { env },
    );
    expect(init.code).toBe(0);
    expect(init.stderr).toMatch(
      /^WARNING! If you lose the keys after they are returned, there is no recovery\./,
    );
    expect(init.stdout).toMatch(
      /Rekey Progress\s+0\/1\nNew Shares\s+3\nNew Threshold\s+2\nVerification Required\s+true\n$/,
    );
    const nonce = String(/Nonce\s+(\S+)/.exec(init.stdout)?.[1]);

    const missing = await runCli(['operator', 'rekey', String(server.unsealKey())], { env });
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'Missing nonce value: specify it via the -nonce flag\n',
    });

    const keys = await runCli(['operator', 'rekey', `-nonce=${nonce}`, String(server.unsealKey())], { env });
    expect(keys.code).toBe(0);
    newKeys = [...keys.stdout.matchAll(/^Key \d: (\S+)$/gm)].map((m) => m[1] as string);
    expect(newKeys).toHaveLength(3);
    expect(keys.stdout).toContain(`Operation nonce: ${nonce}`);
    expect(keys.stdout).toMatch(/Verification Progress\s+0\/2\n$/);
    verifyNonce = String(/Nonce\s+(\S+)\nStarted/.exec(keys.stdout)?.[1]);
  });

  test('verify the new shares from the command line; backups and cancel', async () => {
    const status = await runCli(['operator', 'rekey', '-status', '-verify', '-format=json'], { env });
    expect(JSON.parse(status.stdout)).toEqual({ nonce: verifyNonce, started: true, t: 2, n: 3, progress: 0 });
    const one = await runCli(['operator', 'rekey', '-verify', `-nonce=${verifyNonce}`, newKeys[0] ?? ''], {
      env,
    });
    expect(one.stdout).toMatch(/Verification Progress\s+1\/2\n$/);
    const done = await runCli(['operator', 'rekey', '-verify', `-nonce=${verifyNonce}`, '-'], {
      env,
      stdin: newKeys[2],
    });
    expect(done).toMatchObject({
      code: 0,
      stdout:
        'Rekey verification successful. The rekey operation is complete and the new\nkeys are now active.\n',
    });

    // The new shares are in effect (the node stays unsealed; the rekey test of the API restarts nodes).
    const rootToken = String(server.rootToken());
    expect((await api(server.address, 'sys/seal', { token: rootToken, method: 'PUT' })).status).toBe(204);
    for (const key of [newKeys[1], newKeys[2]]) await api(server.address, 'sys/unseal', { body: { key } });
    expect((await api(server.address, 'sys/seal-status')).json).toMatchObject({ sealed: false, t: 2, n: 3 });

    const backup = await runCli(['operator', 'rekey', '-backup-retrieve'], { env });
    expect(backup.code).toBe(2);
    expect(backup.stderr).toContain('Error retrieving rekey stored keys: ');
    expect(backup.stderr).toContain('* no backed-up keys found');
    expect(await runCli(['operator', 'rekey', '-backup-delete'], { env })).toMatchObject({
      code: 0,
      stdout: 'Success! Delete stored keys (if they existed)\n',
    });
    expect(await runCli(['operator', 'rekey', '-cancel'], { env })).toMatchObject({
      code: 0,
      stdout: 'Success! Canceled rekeying (if it was started)\n',
    });
  });

  test('operator step-down and path-help', async () => {
    expect(await runCli(['operator', 'step-down'], { env })).toMatchObject({
      code: 0,
      stdout: `Success! Stepped down: ${server.address}\n`,
    });
    const help = await runCli(['path-help', 'auth/token/create'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Request: {8}auth\/token\/create\nMatching Route: \^create\$\n/);
    expect(help.stdout).toContain('## PARAMETERS');
    const json = await runCli(['path-help', '-format=json', '/sys/mounts/'], { env });
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['help', 'openapi', 'see_also']);
  });
});
