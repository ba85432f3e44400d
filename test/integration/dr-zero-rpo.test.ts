import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { once } from '../helpers/once.js';
import {
  drSecondaryToken,
  drStatus,
  enableDrPrimary,
  enableDrSecondary,
  type Node,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';

describe('zero-RPO mode: a write is acknowledged only once a DR secondary applied it', () => {
  let pri: ServerProcess;
  let sec: ServerProcess;
  let primary: Node;
  let secondary: Node;
  beforeAll(async () => {
    pri = await devServer(['-dev-root-token-id=p']);
    sec = await devServer(['-dev-root-token-id=s']);
    primary = { address: pri.address, token: 'p' };
    secondary = { address: sec.address, token: 's' };
    await enableDrPrimary(primary);
    await enableDrSecondary(secondary, await drSecondaryToken(primary, 'sync-dr'));
    await waitForMatchingMerkleRoots(primary, secondary);
  });
  afterAll(async () => {
    await Promise.all([pri?.stop(), sec?.stop()]);
  });

  // The second test needs the first one's zero-RPO setting; each awaits it (helpers/once.ts).
  const zeroRpoOn = once(async () => {
    expect(dataOf(await api(primary.address, 'sys/replication/dr/primary/zero-rpo', { token: 'p' }))).toEqual(
      { min_acks: 0, ack_timeout: 0 },
    );
    expect((await drStatus(primary)).zero_rpo).toBeUndefined();
    const set = await api(primary.address, 'sys/replication/dr/primary/zero-rpo', {
      token: 'p',
      body: { min_acks: 1, ack_timeout: '2s' },
    });
    expect(set.status).toBe(204);
    expect((await drStatus(primary)).zero_rpo).toEqual({ min_acks: 1, ack_timeout_ms: 2000 });
    for (let i = 0; i < 20; i++) {
      const write = await api(primary.address, `secret/data/sync/${i}`, {
        token: 'p',
        body: { data: { i: String(i) } },
      });
      expect(write.status).toBe(200);
      const [p, s] = await Promise.all([drStatus(primary), drStatus(secondary)]);
      expect(Number(s.last_remote_wal)).toBeGreaterThanOrEqual(Number(p.last_wal));
    }
  });

  test('off by default; on, every acknowledged write is already on the secondary', async () => {
    await zeroRpoOn();
  });

  test('with the secondary gone, a write fails after the timeout and is rolled back', async () => {
    await zeroRpoOn();
    await api(primary.address, 'secret/data/kept', { token: 'p', body: { data: { v: 'original' } } });
    await sec.stop('SIGKILL');
    const started = Date.now();
    const overwrite = await api(primary.address, 'secret/data/kept', {
      token: 'p',
      body: { data: { v: 'unacknowledged' } },
    });
    expect(overwrite.status).toBe(503);
    expect(String((overwrite.json?.errors as string[] | undefined)?.[0])).toContain(
      'rolled back and is not stored',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const fresh = await api(primary.address, 'secret/data/never', { token: 'p', body: { data: { v: 'x' } } });
    expect(fresh.status).toBe(503);
    expect((await api(primary.address, 'secret/data/never', { token: 'p' })).status).toBe(404);
    const kept = await api(primary.address, 'secret/data/kept', { token: 'p' });
    expect((dataOf(kept).data as Record<string, unknown>).v).toBe('original');
    await api(primary.address, 'sys/replication/dr/primary/zero-rpo', { token: 'p', body: { min_acks: 0 } });
    expect(
      (await api(primary.address, 'secret/data/async-again', { token: 'p', body: { data: { v: 'y' } } }))
        .status,
    ).toBe(200);
  });
});
