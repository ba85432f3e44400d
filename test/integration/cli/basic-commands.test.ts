import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('hvr read/write/list/delete, embedded (no server)', () => {
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('the first command creates a local cluster and says once where its keys are', async () => {
    const first = await runCli(['write', 'secret/data/app', '-'], {
      env,
      stdin: '{"data":{"password":"s3cret"}}',
    });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('created local cluster "default"');
    expect(first.stdout).toMatch(/^Key {16}Value\n---/);
    expect((await stat(join(home, 'hvr', 'default', 'unseal-key'))).mode & 0o777).toBe(0o600);
    const second = await runCli(['read', '-field=data', 'secret/data/app'], { env });
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe('map[password:s3cret]');
  });

  test('exit codes: 0 found, 2 not found, 1 usage', async () => {
    expect((await runCli(['read', 'secret/data/nope'], { env })).code).toBe(2);
    const usage = await runCli(['read'], { env });
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Not enough arguments (expected 1, got 0)');
    const force = await runCli(['write', 'secret/data/x'], { env });
    expect(force.code).toBe(1);
    expect(force.stderr).toContain('Must supply data or use -force');
    const flag = await runCli(['read', '-nope', 'x'], { env });
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('flag provided but not defined: -nope');
    const format = await runCli(['read', '-format=xml', 'x'], { env });
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('Invalid output format: xml');
  });

  test('list and delete print Vault’s lines', async () => {
    const list = await runCli(['list', 'secret/metadata'], { env });
    expect(list.stdout).toBe('Keys\n----\napp\n');
    const del = await runCli(['delete', 'secret/data/app'], { env });
    expect(del.stdout).toBe('Success! Data deleted (if it existed) at: secret/data/app\n');
  });

  test('an unreachable address names the address and exits 2', async () => {
    const res = await runCli(['read', 'secret/data/app'], {
      env: { ...env, VAULT_ADDR: 'http://127.0.0.1:1' },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('127.0.0.1:1');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
