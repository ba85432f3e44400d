import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

/**
 * Issue 8 item 6: unwrapping spends the wrapping token in one storage transaction, so two
 * processes activating two clusters with one token at the same moment cannot both win.
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

  test('exactly one of the two clusters becomes the secondary, round after round', async () => {
    expect((await hvr('write', '-cluster', 'dc1', '-f', 'sys/replication/dr/primary/enable')).code).toBe(0);
    for (let round = 1; round <= 3; round++) {
      const [a, b] = [`a${round}`, `b${round}`];
      const token = await hvr(
        'write',
        '-cluster',
        'dc1',
        '-field=wrapping_token',
        'sys/replication/dr/primary/secondary-token',
        `id=r${round}`,
      );
      expect(token.code).toBe(0);
      const results = await Promise.all(
        [a, b].map((cluster) =>
          hvr('write', '-cluster', cluster, 'sys/replication/dr/secondary/enable', `token=${token.stdout}`),
        ),
      );
      const winners = results.filter((r) => r.code === 0);
      expect(winners, results.map((r) => r.stderr).join('\n')).toHaveLength(1);
      const loser = results.find((r) => r.code !== 0);
      expect(loser?.stderr).toContain('wrapping token is not valid or does not exist');
      expect((await Promise.all([mode(a), mode(b)])).sort()).toEqual(['disabled', 'secondary']);
    }
  }, 120_000);
});
