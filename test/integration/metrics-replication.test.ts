import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../helpers/api.js';
import {
  drSecondaryToken,
  enableDrPrimary,
  enableDrSecondary,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { type TelemetryNode, telemetryNode } from '../helpers/telemetry-node.js';
import { waitFor } from '../helpers/wait-for.js';

/** One sample's value from a Prometheus exposition; undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

const scrape = async (node: TelemetryNode): Promise<string> => {
  const res = await fetch(`${node.address}/v1/sys/metrics?format=prometheus`);
  if (res.status !== 200) throw new Error(`scrape failed: ${res.status}`);
  return res.text();
};

const LAG = 'vault_replication_dr_primary_secondary_wal_lag{secondary_id="dc2"}';

describe('sys/metrics while DR replication streams (two real servers)', () => {
  let dir: string;
  let primary: TelemetryNode;
  let secondary: TelemetryNode;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-metrics-'));
    [primary, secondary] = await Promise.all([telemetryNode(join(dir, 'a')), telemetryNode(join(dir, 'b'))]);
    await api(primary.address, 'sys/mounts/secret', { token: primary.token, body: { type: 'kv' } });
    await enableDrPrimary(primary);
    await enableDrSecondary(secondary, await drSecondaryToken(primary, 'dc2'));
    await waitForMatchingMerkleRoots(primary, secondary);
  });
  afterAll(async () => {
    await Promise.all([primary?.server.stop(), secondary?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('the per-secondary WAL lag rises under writes and falls back to 0 once they stop', async () => {
    const before = await scrape(primary);
    expect(sample(before, LAG)).toBe(0);
    expect(sample(before, 'vault_core_replication_dr_primary')).toBe(1);
    expect(
      sample(before, 'vault_replication_dr_primary_secondary_heartbeat_age_ms{secondary_id="dc2"}'),
    ).toBeLessThan(10_000);

    let highest = 0;
    let n = 0;
    const deadline = Date.now() + 30_000;
    // Writers run until a scrape has seen the secondary behind (or the deadline passes).
    const writers = Array.from({ length: 8 }, async () => {
      while (highest === 0 && Date.now() < deadline) {
        n += 1;
        await api(primary.address, `secret/k${n % 50}`, { token: primary.token, body: { v: String(n) } });
      }
    });
    while (highest === 0 && Date.now() < deadline) {
      highest = Math.max(highest, sample(await scrape(primary), LAG) ?? 0);
    }
    await Promise.all(writers);
    expect(highest).toBeGreaterThan(0);

    const caughtUp = await waitFor('the lag to fall back to 0', async () => {
      const text = await scrape(primary);
      return sample(text, LAG) === 0 ? text : undefined;
    });
    const lastWal = sample(caughtUp, 'vault_replication_wal_last_wal') ?? -1;
    expect(lastWal).toBeGreaterThan(0);
    expect(sample(caughtUp, 'vault_replication_wal_last_dr_wal')).toBe(lastWal);
    expect(caughtUp).toMatch(/^vault_core_handle_request_count \d+$/m);
    expect(caughtUp).toMatch(/^vault_wal_persistWALs_sum [\d.e+-]+$/m);
    expect(caughtUp).toMatch(/^vault_sqlite_transaction\{quantile="0.99"\} [\d.e+-]+$/m);

    const remote = await waitFor('the secondary to report the primary’s last WAL', async () => {
      const text = await scrape(secondary);
      return sample(text, 'vault_replication_fsm_last_remote_wal') === lastWal ? text : undefined;
    });
    expect(sample(remote, 'vault_core_replication_dr_secondary')).toBe(1);
    expect(sample(remote, 'vault_replication_dr_secondary_heartbeat_age_ms')).toBeGreaterThanOrEqual(0);
  });
});
