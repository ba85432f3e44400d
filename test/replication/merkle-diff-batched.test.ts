import { describe, expect, test } from 'vitest';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import { diffTrees } from '../../src/replication/merkle/merkle-diff.js';
import type { MerkleView } from '../../src/replication/merkle/merkle-view.js';
import { ReplicatedStorage } from '../../src/replication/replicated-storage.js';
import { MemoryBackend } from '../../src/storage/memory.js';

const classifier = new StorageClassifier();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('batched merkle diff', () => {
  test('a full sync of 5,000 keys needs a handful of calls, and finds the same keys as the unbatched diff', async () => {
    const primary = new ReplicatedStorage(new MemoryBackend(), (k) => classifier.classOf(k));
    const secondary = new ReplicatedStorage(new MemoryBackend(), (k) => classifier.classOf(k));
    await primary.setRole('primary', { rebuild: true });
    // Written before it is a secondary: afterwards only the apply path may write there.
    await secondary.put({ key: 'logical/d/only-here', value: bytes('x') });
    await secondary.setRole('secondary', { rebuild: true });
    for (let i = 0; i < 5000; i++) await primary.put({ key: `logical/d/${i}`, value: bytes(String(i)) });

    let calls = 0;
    const m = primary.merkle;
    const counted = <T>(value: T): T => {
      calls++;
      return value;
    };
    const remote: MerkleView = {
      root: () => counted(m.root()),
      pageHashes: () => counted(m.pageHashes()),
      bucketHashes: (p) => m.bucketHashes(p),
      bucketEntries: (p, b) => m.bucketEntries(p, b),
      bucketHashesMany: (pages) => counted(pages.map((p) => m.bucketHashes(p))),
      bucketEntriesMany: (slots) => counted(Promise.all(slots.map(([p, b]) => m.bucketEntries(p, b)))),
    };
    const batched = await diffTrees(secondary.merkle, remote);
    const plain = await diffTrees(secondary.merkle, primary.merkle);
    expect(batched.fetch).toEqual(plain.fetch);
    expect(batched.remove).toEqual(['logical/d/only-here']);
    expect(batched.fetch).toHaveLength(5000);
    expect(calls).toBeLessThan(30);
  });
});
