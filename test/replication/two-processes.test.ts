import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import { ReplicatedStorage } from '../../src/replication/replicated-storage.js';
import { SqliteBackend } from '../../src/storage/sqlite.js';

const classifier = new StorageClassifier();
const bytes = (text: string) => new TextEncoder().encode(text);

describe('two writers on one SQLite file (two CLI processes on one embedded cluster)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-two-writers-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('WAL indexes never repeat and the merkle root matches a rebuild', async () => {
    const file = join(dir, 'shared.sqlite');
    const a = new ReplicatedStorage(SqliteBackend.open(file), (k) => classifier.classOf(k));
    await a.setRole('primary', { rebuild: true });
    const b = new ReplicatedStorage(SqliteBackend.open(file), (k) => classifier.classOf(k));
    await b.setRole('primary');
    for (let i = 0; i < 20; i++) {
      await a.put({ key: `logical/x/a${i}`, value: bytes(`a${i}`) });
      await b.put({ key: `logical/x/b${i}`, value: bytes(`b${i}`) });
    }
    await Promise.all([
      (async () => {
        for (let i = 0; i < 30; i++) await a.put({ key: `logical/y/a${i}`, value: bytes('x') });
      })(),
      (async () => {
        for (let i = 0; i < 30; i++) await b.put({ key: `logical/y/b${i}`, value: bytes('y') });
      })(),
    ]);
    await a.refresh();
    expect(a.lastWal).toBe(100);
    const fetched = await a.walsAfter(0, 1000);
    expect(fetched.kind === 'records' && fetched.records.map((r) => r.index)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    const incremental = a.merkleRoot();
    expect(await a.reindex()).toBe(incremental);
    await a.close();
    await b.close();
  });
});
