import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

describe('DR replication between two embedded local clusters (no server)', () => {
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-dr-embedded-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  const hvr = (...args: string[]) => runCli(args, { env });
  const status = async (cluster: string) =>
    (
      JSON.parse(
        (await hvr('read', '-cluster', cluster, '-format=json', 'sys/replication/dr/status')).stdout,
      ) as { data: Record<string, unknown> }
    ).data;

  test('the five commands of the Vault docs, then a write on dc1 is visible to dc2’s next command', async () => {
    const enable = await hvr('write', '-cluster', 'dc1', '-f', 'sys/replication/dr/primary/enable');
    expect(enable.code).toBe(0);
    expect(enable.stderr).toContain('This cluster is being enabled as a primary for replication.');
    const token = await hvr(
      'write',
      '-cluster',
      'dc1',
      '-field=wrapping_token',
      'sys/replication/dr/primary/secondary-token',
      'id=us-east-2-dr',
    );
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9\.[\w-]+\.[\w-]+$/);
    const activate = await hvr(
      'write',
      '-cluster',
      'dc2',
      'sys/replication/dr/secondary/enable',
      `token=${token.stdout}`,
    );
    expect(activate.code).toBe(0);
    expect(activate.stdout).toBe('Success! Data written to: sys/replication/dr/secondary/enable\n');

    const write = await runCli(['write', '-cluster', 'dc1', 'secret/data/app', '-'], {
      env,
      stdin: '{"data":{"k":"v"}}',
    });
    expect(write.code).toBe(0);
    const [primary, secondary] = [await status('dc1'), await status('dc2')];
    expect(primary).toMatchObject({ mode: 'primary', known_secondaries: ['us-east-2-dr'] });
    expect(secondary).toMatchObject({
      mode: 'secondary',
      state: 'stream-wals',
      secondary_id: 'us-east-2-dr',
    });
    expect(secondary.last_remote_wal).toBe(primary.last_wal);
    expect(secondary.merkle_root).toBe(primary.merkle_root);
    expect(primary.secondaries).toEqual([
      expect.objectContaining({ node_id: 'us-east-2-dr', connection_status: 'connected' }),
    ]);

    const combined = JSON.parse(
      (await hvr('read', '-cluster', 'dc2', '-format=json', 'sys/replication/status')).stdout,
    ) as { data: Record<string, Record<string, unknown>> };
    expect(combined.data.performance).toEqual({ mode: 'disabled' });
    const refused = await hvr('read', '-cluster', 'dc2', 'secret/data/app');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('path disabled in replication DR secondary mode');
  });
});
