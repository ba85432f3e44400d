import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import { ReplicatedStorage } from '../../src/replication/replicated-storage.js';
import {
  DR_MERKLE_PREFIX,
  WAL_PREFIX,
  WAL_STATE_KEY,
  type WalRecord,
} from '../../src/replication/wal-record.js';
import { SqliteBackend } from '../../src/storage/sqlite.js';
import { FaultyBackend, InjectedFault } from '../helpers/faulty-backend.js';

const classifier = new StorageClassifier();
const classOf = (key: string) => classifier.classOf(key);
const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * The storage steps of one replicated write (entry, WAL record, WAL state, merkle pages) and
 * of one applied batch commit together or not at all. A fault thrown between any two of
 * them, which is what a crash there looks like, must leave no trace, in memory or on disk.
 */
describe('replicated writes are all-or-nothing across their storage steps (real SQLite)', () => {
  let dir: string;
  const opened: ReplicatedStorage[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-atomic-'));
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const openStorage = async (file: string, role: 'primary' | 'secondary', rebuild = true) => {
    const faults = new FaultyBackend(SqliteBackend.open(join(dir, file)));
    const storage = new ReplicatedStorage(faults, classOf, 100);
    opened.push(storage);
    await storage.setRole(role, { rebuild });
    return { faults, storage };
  };

  /** What a fresh process opening the file sees: WAL state, WAL records, index vs data. */
  const onDisk = async (file: string, role: 'primary' | 'secondary') => {
    const { storage } = await openStorage(file, role, false);
    const wals = (await storage.scan(WAL_PREFIX)).length;
    const check = await storage.checkIndex();
    return {
      lastWal: storage.lastWal,
      lastRemoteWal: storage.lastRemoteWal,
      wals,
      root: storage.merkleRoot(),
      corrupted: check.corrupted_root,
    };
  };

  const points: [string, (key: string) => boolean][] = [
    ['the second entry', (key) => key === 'logical/t/b'],
    ['the WAL record of the second entry', (key) => key.startsWith(WAL_PREFIX) && key.endsWith('3')],
    ['the WAL state', (key) => key === WAL_STATE_KEY],
    ['a merkle page', (key) => key.startsWith(DR_MERKLE_PREFIX)],
  ];

  test.each(points)(
    'a primary write failing at %s leaves no entry, no WAL record, the same root',
    async (_name, at) => {
      const { faults, storage } = await openStorage('primary.sqlite', 'primary');
      await storage.put({ key: 'logical/t/first', value: bytes('1') });
      const root = storage.merkleRoot();
      faults.arm((_op, key) => at(key));
      await expect(
        storage.transaction((tx) => {
          tx.put({ key: 'logical/t/a', value: bytes('a') });
          tx.put({ key: 'logical/t/b', value: bytes('b') });
        }),
      ).rejects.toThrow(InjectedFault);
      expect(faults.fired).toBe(1);
      expect(storage.lastWal).toBe(1);
      expect(storage.merkleRoot()).toBe(root);
      expect(await storage.get('logical/t/a')).toBeNull();
      expect(await storage.walsAfter(1)).toEqual({ kind: 'records', records: [], lastWal: 1 });
      expect(await onDisk('primary.sqlite', 'primary')).toEqual({
        lastWal: 1,
        lastRemoteWal: 0,
        wals: 1,
        root,
        corrupted: false,
      });

      // The same write, retried, commits whole: two WAL records with consecutive indexes.
      await storage.transaction((tx) => {
        tx.put({ key: 'logical/t/a', value: bytes('a') });
        tx.put({ key: 'logical/t/b', value: bytes('b') });
      });
      const fetched = await storage.walsAfter(1);
      expect(fetched.kind === 'records' && fetched.records.map((r) => [r.index, r.key])).toEqual([
        [2, 'logical/t/a'],
        [3, 'logical/t/b'],
      ]);
      expect((await onDisk('primary.sqlite', 'primary')).corrupted).toBe(false);
    },
  );

  test('a secondary batch failing at its fifth record applies nothing and keeps its cursor', async () => {
    const { storage: primary } = await openStorage('p.sqlite', 'primary');
    const { faults, storage: secondary } = await openStorage('s.sqlite', 'secondary');
    for (let i = 0; i < 3; i++) await primary.put({ key: `logical/b/seed${i}`, value: bytes('s') });
    const seed = await primary.walsAfter(0);
    if (seed.kind !== 'records') throw new Error('expected records');
    expect(await secondary.applyWals(seed.records, { checkGuard: true })).toBe('applied');
    const root = secondary.merkleRoot();

    for (let i = 0; i < 8; i++) await primary.put({ key: `logical/b/k${i}`, value: bytes(String(i)) });
    await primary.delete('logical/b/seed1');
    const batch = await primary.walsAfter(3);
    if (batch.kind !== 'records') throw new Error('expected records');
    const records: readonly WalRecord[] = batch.records;
    expect(records).toHaveLength(9);
    faults.arm((_op, key) => key === 'logical/b/k4');
    await expect(secondary.applyWals(records, { checkGuard: true })).rejects.toThrow(InjectedFault);
    expect(secondary.lastRemoteWal).toBe(3);
    expect(secondary.merkleRoot()).toBe(root);
    for (let i = 0; i < 8; i++) expect(await secondary.get(`logical/b/k${i}`)).toBeNull();
    expect(await secondary.get('logical/b/seed1')).not.toBeNull();
    expect(await onDisk('s.sqlite', 'secondary')).toEqual({
      lastWal: 3,
      lastRemoteWal: 3,
      wals: 3,
      root,
      corrupted: false,
    });

    // The batch sent again applies whole, guard checked: the secondary never diverged.
    expect(await secondary.applyWals(records, { checkGuard: true })).toBe('applied');
    expect(secondary.merkleRoot()).toBe(primary.merkleRoot());
    expect(secondary.lastRemoteWal).toBe(12);
  });
});
