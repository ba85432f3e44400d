import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../../src/replication/merkle/merkle-diff.js';
import { MerkleIndex } from '../../../src/replication/merkle/merkle-index.js';
import type { MerkleView } from '../../../src/replication/merkle/merkle-view.js';
import type { PhysicalBackend } from '../../../src/storage/physical.js';
import { keyOf, loadedIndex, PREFIX, STORES, write } from './stores.js';

const KEYS = 10_000;
const data = Array.from({ length: KEYS }, (_, i) => ({
  key: keyOf(i),
  value: new TextEncoder().encode(`v${i}`),
}));

/** A remote tree as a link would serve it: every answer a fresh, async copy. */
function overRpc(index: MerkleIndex): MerkleView {
  const later = <T>(value: () => T | Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => setImmediate(() => Promise.resolve(value()).then(resolve, reject)));
  return {
    root: () => later(() => index.root()),
    pageHashes: () => later(() => [...index.pageHashes()]),
    bucketHashes: (page) => later(() => [...index.bucketHashes(page)]),
    bucketEntries: (page, bucket) => later(() => index.bucketEntries(page, bucket)),
  };
}

async function pair(open: (typeof STORES)[number][1]) {
  const local = (await open()).physical;
  const remote = (await open()).physical;
  await writeAll(local, data);
  await writeAll(remote, data);
  const localIndex = new MerkleIndex(PREFIX);
  const remoteIndex = new MerkleIndex(PREFIX);
  await localIndex.rebuild(local, data);
  await remoteIndex.rebuild(remote, data);
  return { local, remote, localIndex, remoteIndex };
}

async function writeAll(physical: PhysicalBackend, entries: typeof data): Promise<void> {
  await physical.transaction((tx) => {
    for (const entry of entries) tx.put(entry);
  });
}

describe.each(STORES)('diffTrees on %s', (_name, open) => {
  it('stops after one round trip when the trees are equal', async () => {
    const { localIndex, remoteIndex } = await pair(open);
    const diff = await diffTrees(localIndex, overRpc(remoteIndex));
    expect(diff).toEqual({
      fetch: [],
      remove: [],
      stats: { roundTrips: 1, remoteCalls: 1, pagesDiffering: 0, bucketsDiffering: 0 },
    });
  });

  it('finds exactly the changed, added and removed keys among 10k, in at most 4 round trips', async () => {
    const { local, remote, localIndex, remoteIndex } = await pair(open);
    // Changed on the remote, added on the remote, and present only locally.
    await write(remoteIndex, [
      [keyOf(17), 'changed'],
      [keyOf(4242), 'changed'],
      [keyOf(9999), 'changed'],
      ['logical/kv/data/new-a', 'a'],
      ['logical/kv/data/new-b', 'b'],
      [keyOf(500), null],
    ]);
    await write(localIndex, [
      ['logical/kv/data/local-only', 'x'],
      [keyOf(500), 'v500'], // unchanged locally, deleted remotely: local-only now
    ]);

    const diff = await diffTrees(localIndex, overRpc(remoteIndex));
    expect(diff.fetch).toEqual([
      'logical/kv/data/new-a',
      'logical/kv/data/new-b',
      keyOf(17),
      keyOf(4242),
      keyOf(9999),
    ]);
    expect(diff.remove).toEqual(['logical/kv/data/local-only', keyOf(500)]);
    expect(diff.stats.roundTrips).toBeLessThanOrEqual(4);
    expect(diff.stats.pagesDiffering).toBeLessThanOrEqual(7);
    expect(diff.stats.bucketsDiffering).toBeLessThanOrEqual(7);
    // root + pages + one bucket-hash call per differing page + one entries call per differing bucket
    expect(diff.stats.remoteCalls).toBe(2 + diff.stats.pagesDiffering + diff.stats.bucketsDiffering);

    // merkle-sync: applying the diff makes the trees, and so the roots, equal.
    const fetched = await Promise.all(diff.fetch.map((key) => remote.get(key)));
    await localIndex.transact((tx, batch) => {
      for (const entry of fetched) {
        if (entry === null) throw new Error('fetched key vanished');
        tx.put(entry);
        batch.stage(tx, entry.key, entry.value);
      }
      for (const key of diff.remove) {
        tx.delete(key);
        batch.stage(tx, key, null);
      }
    });
    expect(localIndex.root()).toBe(remoteIndex.root());
    expect((await diffTrees(localIndex, remoteIndex)).stats.roundTrips).toBe(1);
    expect((await loadedIndex(local)).root()).toBe(remoteIndex.root());
  });

  it('diffs against an empty tree: everything is fetched or removed', async () => {
    const few = data.slice(0, 50);
    const local = (await open()).physical;
    const localIndex = await loadedIndex(local);
    await localIndex.rebuild(local, few);
    const emptyIndex = await loadedIndex((await open()).physical);

    const toEmpty = await diffTrees(localIndex, emptyIndex);
    expect(toEmpty.fetch).toEqual([]);
    expect(toEmpty.remove).toEqual(few.map((e) => e.key));
    const fromEmpty = await diffTrees(emptyIndex, localIndex, { concurrency: 2 });
    expect(fromEmpty.fetch).toEqual(few.map((e) => e.key));
    expect(fromEmpty.stats.roundTrips).toBe(4);
  });
});

describe('diffTrees input checks', () => {
  it('rejects a remote that sends the wrong number of page hashes', async () => {
    const [, open] = STORES[0] ?? [];
    if (open === undefined) throw new Error('no store');
    const index = await loadedIndex((await open()).physical);
    const broken: MerkleView = {
      root: () => 'f'.repeat(40),
      pageHashes: () => ['0'.repeat(40)],
      bucketHashes: () => [],
      bucketEntries: () => [],
    };
    await expect(diffTrees(index, broken)).rejects.toThrow(/sent 1 page hashes, expected 256/);
  });
});
