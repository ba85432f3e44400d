import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('the README failover runbook, as written, on two embedded clusters', () => {
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-runbook-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  });
  afterAll(() => rm(home, { recursive: true, force: true }));
  const hvr = (args: string[], stdin?: string) =>
    runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });

  test('batch DR operation token prepared in advance, promote, wait for primary, data and tokens there', async () => {
    expect((await hvr(['write', '-cluster', 'dc1', '-f', 'sys/replication/dr/primary/enable'])).code).toBe(0);
    const policy = await hvr(
      ['policy', 'write', '-cluster', 'dc1', 'dr-secondary-promotion', '-'],
      'path "sys/replication/dr/secondary/promote" { capabilities = ["update"] }\npath "sys/replication/dr/secondary/update-primary" { capabilities = ["update"] }\n',
    );
    expect(policy.stdout).toBe('Success! Uploaded policy: dr-secondary-promotion\n');
    await hvr([
      'write',
      '-cluster',
      'dc1',
      'auth/token/roles/failover-handler',
      'allowed_policies=dr-secondary-promotion',
      'orphan=true',
      'renewable=false',
      'token_type=batch',
    ]);
    const batch = await hvr([
      'token',
      'create',
      '-cluster',
      'dc1',
      '-role=failover-handler',
      '-ttl=8h',
      '-field=token',
    ]);
    expect(batch.stdout).toMatch(/^hvb\./);
    const token = await hvr([
      'write',
      '-cluster',
      'dc1',
      '-field=wrapping_token',
      'sys/replication/dr/primary/secondary-token',
      'id=dc2',
    ]);
    expect(
      (
        await hvr([
          'write',
          '-cluster',
          'dc2',
          'sys/replication/dr/secondary/enable',
          `token=${token.stdout}`,
        ])
      ).code,
    ).toBe(0);
    expect((await hvr(['kv', 'put', '-cluster', 'dc1', 'secret/app', 'password=s3cret'])).code).toBe(0);

    const promote = await hvr([
      'write',
      '-cluster',
      'dc2',
      'sys/replication/dr/secondary/promote',
      `dr_operation_token=${batch.stdout}`,
    ]);
    expect(promote.code).toBe(0);
    expect(promote.stderr).toContain('This cluster is being promoted to a replication primary.');
    const waited = await hvr(['replication', 'wait', '-cluster', 'dc2', '-state=primary', '-timeout=30s']);
    expect([waited.code, waited.stdout]).toEqual([0, 'Success! mode is primary\n']);
    const read = await hvr(['kv', 'get', '-cluster', 'dc2', '-field=password', 'secret/app']);
    expect(read.stdout).toBe('s3cret');
  });
});
