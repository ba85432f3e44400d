import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

/**
 * Issue 8 item 6, end to end: two embedded CLI processes activate two clusters with one
 * secondary-activation token at once; exactly one becomes the secondary, the other prints
 * Vault's invalid-token error. Process start-up jitter dwarfs the race window, so this is a
 * smoke test of the real CLI flow, not a test of the atomic claim: that is
 * test/core/wrapping-race.test.ts, which fails deterministically without it.
 */
describe('one activation token raced by two embedded processes', () => {
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-dr-race-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  const hvr = (...args: string[]) => runCli(args, { env });
  const mode = async (cluster: string) =>
    (
      JSON.parse(
        (await hvr('read', '-cluster', cluster, '-format=json', 'sys/replication/dr/status')).stdout,
      ) as { data: { mode: string } }
    ).data.mode;

  test('exactly one of the two clusters becomes the secondary', async () => {
    expect((await hvr('write', '-cluster', 'dc1', '-f', 'sys/replication/dr/primary/enable')).code).toBe(0);
    const token = await hvr(
      'write',
      '-cluster',
      'dc1',
      '-field=wrapping_token',
      'sys/replication/dr/primary/secondary-token',
      'id=racer',
    );
    expect(token.code).toBe(0);
    const results = await Promise.all(
      ['a', 'b'].map((cluster) =>
        hvr('write', '-cluster', cluster, 'sys/replication/dr/secondary/enable', `token=${token.stdout}`),
      ),
    );
    const winners = results.filter((r) => r.code === 0);
    expect(winners, results.map((r) => r.stderr).join('\n')).toHaveLength(1);
    const loser = results.find((r) => r.code !== 0);
    expect(loser?.stderr).toContain('wrapping token is not valid or does not exist');
    expect((await Promise.all([mode('a'), mode('b')])).sort()).toEqual(['disabled', 'secondary']);
  });
});
