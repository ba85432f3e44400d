import { afterEach, describe, expect, test } from 'vitest';
import type { Core } from '../../src/core/core.js';
import {
  attachSecondary,
  enablePrimary,
  type InProcNode,
  type InProcSet,
  inProcessSet,
  merkleSyncs,
  statusOf,
  waitForSync,
} from '../helpers/in-process-dr.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * The DR engine's promises, pinned over the in-process link with real cores on real SQLite.
 * Every test builds its own clusters, so the tests run alone and in any order.
 */
describe('DR engine promises (in-process link, real SQLite)', () => {
  let set: InProcSet | undefined;
  afterEach(async () => {
    await set?.close();
    set = undefined;
  });

  /** A primary with KV v2 at secret/ and one synced secondary. */
  async function pair(opts: { walBufferLength?: number } = {}): Promise<{ a: InProcNode; b: InProcNode }> {
    set = await inProcessSet();
    const a = await set.node('a', opts);
    const b = await set.node('b');
    await a.call('update', 'sys/mounts/secret', { type: 'kv', options: { version: '2' } });
    await enablePrimary(a);
    await attachSecondary(a, b, 'b');
    await waitForSync(a, b);
    return { a, b };
  }

  const put = (node: InProcNode, path: string, data: Record<string, unknown>) =>
    node.call('update', `secret/data/${path}`, { data });
  const readKv = async (node: InProcNode, path: string) =>
    ((await node.call('read', `secret/data/${path}`))?.data?.data ?? null) as Record<string, unknown> | null;
  /** Waits until a secondary has streamed everything its primary has (whatever the roots say). */
  const caughtUp = (a: InProcNode, b: InProcNode) =>
    waitFor(`${b.name} streaming at ${a.name}'s last WAL`, async () => {
      const [p, s] = [await statusOf(a), await statusOf(b)];
      return s.data.state === 'stream-wals' && p.data.last_wal === s.data.last_remote_wal ? true : undefined;
    });
  /** The physical keys a request wrote on the primary (its WAL records after `after`). */
  const walKeys = async (core: Core, after: number) => {
    const fetched = await core.storage.walsAfter(after);
    return fetched.kind === 'records' ? fetched.records.map((r) => r.key) : [];
  };

  test('a restarted secondary resumes from its WAL cursor: merkle_syncs stays 0', async () => {
    const { a, b } = await pair();
    expect(await merkleSyncs(b)).toBe(1); // a new secondary reconciles once
    await b.close();
    for (let i = 0; i < 10; i++) await put(a, `while-down/${i}`, { i });
    await b.reopen();
    await waitForSync(a, b);
    expect(await merkleSyncs(b)).toBe(0);
    await put(a, 'after', { ok: true });
    await waitForSync(a, b);
    expect(await merkleSyncs(b)).toBe(0);
  });

  test('a batch that fails half-way is applied again whole, never record by record', async () => {
    const { a, b } = await pair();
    await b.close();
    const before = Number((await statusOf(a)).data.last_wal);
    for (let i = 0; i < 8; i++) await put(a, `batch/${i}`, { i });
    const keys = await walKeys(a.core, before);
    expect(keys.length).toBeGreaterThanOrEqual(8);
    const middle = keys[Math.floor(keys.length / 2)] ?? '';
    // Every attempt to apply the batch fails at its middle record until the fault is lifted.
    await b.reopen((faults) => faults.arm((_op, key) => key === middle, { sticky: true }));
    await waitFor('the apply to fail twice', async () => (b.faults.fired >= 2 ? true : undefined));
    expect((await statusOf(b)).data.last_remote_wal).toBe(before);
    for (const key of keys) expect(await b.core.storage.get(key)).toBeNull();
    b.faults.disarm();
    await waitForSync(a, b);
    expect(await merkleSyncs(b)).toBe(0);
  });

  test('a zero-RPO rollback undoes every change of the request: merkle_root unchanged, no orphan replicates', async () => {
    const { a, b } = await pair();
    await put(a, 'z', { v: 1 });
    await waitForSync(a, b);
    const root = String((await statusOf(a)).data.merkle_root);
    await b.close();
    await a.call('update', 'sys/replication/dr/primary/zero-rpo', { min_acks: 1, ack_timeout: '1s' });
    await expect(put(a, 'z', { v: 2 })).rejects.toMatchObject({ code: 'HVR_ZERO_RPO_TIMEOUT', status: 503 });
    await expect(put(a, 'fresh', { v: 1 })).rejects.toMatchObject({ code: 'HVR_ZERO_RPO_TIMEOUT' });
    expect((await statusOf(a)).data.merkle_root).toBe(root);
    expect(await readKv(a, 'z')).toEqual({ v: 1 });
    const meta = await a.call('read', 'secret/metadata/z');
    expect(meta?.data?.current_version).toBe(1);
    expect(Object.keys((meta?.data?.versions ?? {}) as object)).toEqual(['1']);
    expect(await a.call('read', 'secret/data/fresh')).toBeNull();

    // The secondary comes back and applies the writes and their undo: the same root as before.
    await a.call('update', 'sys/replication/dr/primary/zero-rpo', { min_acks: 0 });
    await b.reopen();
    expect(await waitForSync(a, b)).toBe(root);
  });

  test('merkle sync after the buffer moved on removes what the primary deleted', async () => {
    const { a, b } = await pair({ walBufferLength: 8 });
    for (let i = 0; i < 4; i++) await put(a, `gone/${i}`, { i });
    await put(a, 'kept', { v: 1 });
    await waitForSync(a, b);
    await b.close();
    for (let i = 0; i < 4; i++) await a.call('delete', `secret/metadata/gone/${i}`);
    for (let i = 0; i < 10; i++) await put(a, `more/${i}`, { i });
    await b.reopen();
    await caughtUp(a, b);
    expect((await statusOf(b)).data.merkle_root).toBe((await statusOf(a)).data.merkle_root);
    expect(await merkleSyncs(b)).toBe(1);
  });

  const promote = (node: InProcNode) =>
    node.call('update', 'sys/replication/dr/secondary/promote', { dr_operation_token: node.rootToken });

  test('two primaries: both sides warn; the demoted one re-attaches and converges, deletions included', async () => {
    const { a, b } = await pair();
    await put(a, 'deleted-on-a', { v: 1 });
    await put(a, 'deleted-on-b', { v: 1 });
    await waitForSync(a, b);
    // The secondary is promoted while its primary still runs (a partition that healed).
    await promote(b);
    for (const node of [a, b]) {
      // The promoted side probes its old primary at once, then every 5 s.
      const warning = await waitFor(
        `the two-primary warning on ${node.name}`,
        async () => (await statusOf(node)).warnings.find((w) => w.startsWith('Two DR primaries')),
        12_000,
      );
      expect(warning).toContain('demote one of them');
    }
    // Diverged histories: each side deletes what the other keeps, and writes what the other lacks.
    await a.call('delete', 'secret/metadata/deleted-on-a');
    await put(a, 'only-on-a', { v: 1 });
    await b.call('delete', 'secret/metadata/deleted-on-b');
    await put(b, 'only-on-b', { v: 1 });
    expect((await statusOf(a)).data.merkle_root).not.toBe((await statusOf(b)).data.merkle_root);

    await b.call('update', 'sys/replication/dr/primary/demote');
    const issued = await a.core.handle({
      id: 'again',
      operation: 'update',
      path: 'sys/replication/dr/primary/secondary-token',
      data: { id: 'b-again' },
      headers: {},
      token: a.rootToken,
    });
    await b.call('update', 'sys/replication/dr/secondary/update-primary', {
      dr_operation_token: b.rootToken,
      token: issued?.wrapInfo?.token,
    });
    await caughtUp(a, b);
    expect((await statusOf(b)).data.merkle_root).toBe((await statusOf(a)).data.merkle_root);
    // Promoted again, b holds exactly a's data: what either side deleted is gone.
    await a.close();
    await promote(b);
    expect(await readKv(b, 'only-on-a')).toEqual({ v: 1 });
    expect(await readKv(b, 'deleted-on-b')).toEqual({ v: 1 });
    expect(await readKv(b, 'deleted-on-a')).toBeNull();
    expect(await readKv(b, 'only-on-b')).toBeNull();
  });

  test('sys/rotate with a secondary attached: the new key replicates and decrypts writes after it', async () => {
    const { a, b } = await pair();
    const before = await a.call('read', 'sys/key-status');
    expect(before?.data?.term).toBe(1);
    expect(await a.call('update', 'sys/rotate')).toBeNull();
    expect((await a.call('read', 'sys/key-status'))?.data?.term).toBe(2);
    await put(a, 'after-rotate', { v: 'new key' });
    await waitForSync(a, b);
    expect(b.core.barrier.keyStatus().term).toBe(2);
    // The keyring it stored survives its restart (it unseals with the primary's key).
    await b.restart();
    await waitForSync(a, b);
    expect(await merkleSyncs(b)).toBe(0);
    await a.close();
    await promote(b);
    expect((await b.call('read', 'sys/key-status'))?.data?.term).toBe(2);
    expect(await readKv(b, 'after-rotate')).toEqual({ v: 'new key' });
  });
});
