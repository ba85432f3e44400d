import { describe, expect, it } from 'vitest';
import { MerkleIndex } from '../../../src/replication/merkle/merkle-index.js';
import { storedEntries } from '../../../src/replication/merkle/stored-entries.js';
import type { Entry } from '../../../src/storage/physical.js';
import { bytes, keyOf, loadedIndex, PREFIX, STORES, shuffled, snapshot, write } from './stores.js';

describe.each(STORES)('MerkleIndex.rebuild on %s', (_name, open) => {
  it('recomputes exactly the incrementally maintained root and buckets', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    const keys = Array.from({ length: 3000 }, (_, i) => i);
    for (const [n, chunk] of chunks(shuffled(keys, 3), 200).entries()) {
      await write(
        index,
        chunk.map((i) => [keyOf(i), `v${i}-${n}`] as const),
      );
    }
    await write(
      index,
      keys.filter((i) => i % 7 === 0).map((i) => [keyOf(i), i % 2 === 0 ? null : 'rewritten'] as const),
    );
    const incremental = index.root();
    const buckets = await snapshot(physical, PREFIX);

    const fresh = new MerkleIndex(PREFIX);
    // The store holds the index's own buckets too: rebuild never indexes its prefix.
    expect(await fresh.rebuild(physical, storedEntries(physical))).toBe(incremental);
    expect(fresh.root()).toBe(incremental);
    expect(await snapshot(physical, PREFIX)).toEqual(buckets);
    expect((await loadedIndex(physical)).root()).toBe(incremental);
  });

  it('replaces stale buckets and keeps only keys that pass the filter', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    await write(
      index,
      Array.from({ length: 500 }, (_, i) => [keyOf(i), 'old'] as const),
    );

    const source: Entry[] = [
      ...Array.from({ length: 200 }, (_, i) => ({ key: keyOf(1000 + i), value: bytes(`n${i}`) })),
      { key: 'sys/token/id/abc', value: bytes('node-local') },
      { key: keyOf(1000), value: bytes('last one wins') },
    ];
    const root = await index.rebuild(physical, source, (key) => !key.startsWith('sys/token/'));

    const expected = await loadedIndex((await open()).physical);
    await write(expected, [
      ...Array.from({ length: 200 }, (_, i) => [keyOf(1000 + i), `n${i}`] as const),
      [keyOf(1000), 'last one wins'],
    ]);
    expect(root).toBe(expected.root());
    expect(index.root()).toBe(root);
    const stored = await snapshot(physical, PREFIX);
    expect(Object.keys(stored).length).toBeLessThanOrEqual(200);
    expect((await loadedIndex(physical)).root()).toBe(root);

    // The rebuilt index takes writes as usual.
    await write(index, [[keyOf(1), 'after']]);
    await write(expected, [[keyOf(1), 'after']]);
    expect(index.root()).toBe(expected.root());
  });

  it('rebuilds an empty source to the empty root and an empty prefix', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    const empty = index.root();
    await write(index, [[keyOf(1), 'x']]);
    expect(await index.rebuild(physical, [])).toBe(empty);
    expect(await physical.scan(PREFIX)).toEqual([]);
  });

  it('refuses batches while rebuilding', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slowSource(): AsyncGenerator<Entry> {
      yield { key: keyOf(1), value: bytes('x') };
      await gate;
    }
    const rebuilding = index.rebuild(physical, slowSource());
    expect(() => index.begin()).toThrow(/rebuilding/);
    await expect(index.rebuild(physical, [])).rejects.toThrow(/rebuilding/);
    release();
    await rebuilding;
    index.begin().rollback();
  });
});

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
