import { describe, expect, test } from 'vitest';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import { ReplicatedStorage, SecondaryWriteError } from '../../src/replication/replicated-storage.js';
import { MemoryBackend } from '../../src/storage/memory.js';

const classifier = new StorageClassifier();
const classOf = (key: string) => classifier.classOf(key);
const bytes = (text: string) => new TextEncoder().encode(text);

async function pair(bufferLength = 100) {
  const primary = new ReplicatedStorage(new MemoryBackend(), classOf, bufferLength);
  const secondary = new ReplicatedStorage(new MemoryBackend(), classOf, bufferLength);
  await primary.setRole('primary', { rebuild: true });
  await secondary.setRole('secondary', { rebuild: true });
  return { primary, secondary };
}

describe('ReplicatedStorage', () => {
  test('a primary write commits the entry, a guarded WAL record and the merkle update together', async () => {
    const { primary } = await pair();
    const emptyRoot = primary.merkleRoot();
    await primary.put({ key: 'logical/abc/foo', value: bytes('v1') });
    await primary.put({ key: 'sys/token/id/x', value: bytes('t') });
    await primary.put({ key: 'core/seal-config', value: bytes('node entry') });
    expect(primary.lastWal).toBe(2);
    const fetched = await primary.walsAfter(0);
    expect(fetched.kind).toBe('records');
    if (fetched.kind !== 'records') return;
    expect(fetched.records.map((r) => [r.index, r.key, r.cls])).toEqual([
      [1, 'logical/abc/foo', 'replicated'],
      [2, 'sys/token/id/x', 'local'],
    ]);
    expect(fetched.records[0]?.guard).toBe(emptyRoot);
    expect(fetched.records[1]?.guard).not.toBe(emptyRoot);
  });

  test('a secondary applying the records reaches the same merkle root, and refuses a diverged batch', async () => {
    const { primary, secondary } = await pair();
    for (let i = 0; i < 20; i++) await primary.put({ key: `logical/m/k${i}`, value: bytes(`v${i}`) });
    await primary.delete('logical/m/k3');
    const fetched = await primary.walsAfter(0);
    if (fetched.kind !== 'records') throw new Error('expected records');
    expect(await secondary.applyWals(fetched.records.slice(0, 10), { checkGuard: true })).toBe('applied');
    expect(await secondary.applyWals(fetched.records.slice(0, 10), { checkGuard: true })).toBe('stale');
    expect(await secondary.applyWals(fetched.records.slice(10), { checkGuard: true })).toBe('applied');
    expect(secondary.merkleRoot()).toBe(primary.merkleRoot());
    expect(secondary.lastRemoteWal).toBe(21);
    expect(await secondary.get('logical/m/k3')).toBeNull();

    // Outside the apply path a secondary refuses to write replicated or local entries
    // (node-class ones pass); a merkle-sync entry the primary never had diverges it instead.
    await expect(secondary.put({ key: 'logical/m/rogue', value: bytes('x') })).rejects.toThrow(
      SecondaryWriteError,
    );
    await expect(secondary.put({ key: 'sys/token/id/rogue', value: bytes('x') })).rejects.toThrow(
      SecondaryWriteError,
    );
    await secondary.put({ key: 'core/replication/dr-state', value: bytes('{}') });
    await secondary.applySync([{ key: 'logical/m/rogue', value: Buffer.from('x').toString('base64') }]);
    await primary.put({ key: 'logical/m/next', value: bytes('n') });
    const more = await primary.walsAfter(21);
    if (more.kind !== 'records') throw new Error('expected records');
    expect(await secondary.applyWals(more.records, { checkGuard: true })).toBe('guard-mismatch');
  });

  test('the bounded buffer: a cursor older than the buffer must merkle-sync', async () => {
    const { primary } = await pair(5);
    for (let i = 0; i < 12; i++) await primary.put({ key: `logical/b/${i}`, value: bytes('x') });
    expect((await primary.walsAfter(3)).kind).toBe('behind-buffer');
    const recent = await primary.walsAfter(8);
    expect(recent.kind === 'records' && recent.records.map((r) => r.index)).toEqual([9, 10, 11, 12]);
  });

  test('a throwing transaction leaves no entry, no WAL record and the old root', async () => {
    const { primary } = await pair();
    await primary.put({ key: 'logical/t/a', value: bytes('a') });
    const root = primary.merkleRoot();
    await expect(
      primary.transaction((tx) => {
        tx.put({ key: 'logical/t/b', value: bytes('b') });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(primary.merkleRoot()).toBe(root);
    expect(primary.lastWal).toBe(1);
    expect(await primary.get('logical/t/b')).toBeNull();
  });

  test('waitForWal wakes a waiting secondary as soon as a write commits', async () => {
    const { primary } = await pair();
    const waiting = primary.waitForWal(0, 10_000);
    await primary.put({ key: 'logical/w/x', value: bytes('x') });
    await waiting;
    expect(primary.lastWal).toBe(1);
  });
});

describe('merkle-check and reindex', () => {
  test('a healthy index reports nothing; a tampered bucket is found and reindex repairs it', async () => {
    const inner = new MemoryBackend();
    const storage = new ReplicatedStorage(inner, classOf, 100);
    await storage.setRole('primary', { rebuild: true });
    for (let i = 0; i < 50; i++) await storage.put({ key: `logical/c/${i}`, value: bytes(String(i)) });
    expect((await storage.checkIndex()).corrupted_root).toBe(false);
    const root = storage.merkleRoot();
    await inner.put({ key: 'logical/c/7', value: bytes('changed behind the index') });
    const report = await storage.checkIndex();
    expect(report.corrupted_root).toBe(true);
    expect(Object.keys(report.corrupted_tree_map)).toHaveLength(1);
    const repaired = await storage.reindex();
    expect(repaired).not.toBe(root);
    expect((await storage.checkIndex()).corrupted_root).toBe(false);
  });
});
