import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import { ReplicatedStorage } from '../../src/replication/replicated-storage.js';
import { MemoryBackend } from '../../src/storage/memory.js';
import type { Entry, PhysicalBackend, TxnOps } from '../../src/storage/physical.js';
import { SqliteBackend } from '../../src/storage/sqlite.js';
import { type OpenedStorage, runStorageSuite } from '../conformance/storage.js';

const classifier = new StorageClassifier();
/** A replicated prefix: every key the suite writes gets a WAL record and a merkle update. */
const AT = 'logical/conformance/';

/**
 * The suite's view of a DR primary's ReplicatedStorage: its keys live under a replicated
 * prefix, out of sight of the WAL records, WAL state and merkle pages stored alongside.
 */
class UnderPrefix implements PhysicalBackend {
  readonly kind: PhysicalBackend['kind'];
  closed = false;
  constructor(readonly storage: ReplicatedStorage) {
    this.kind = storage.kind;
  }
  private out(entry: Entry | null): Entry | null {
    return entry === null ? null : { key: entry.key.slice(AT.length), value: entry.value };
  }
  async get(key: string) {
    return this.out(await this.storage.get(AT + key));
  }
  put(entry: Entry) {
    return this.storage.put({ key: AT + entry.key, value: entry.value });
  }
  delete(key: string) {
    return this.storage.delete(AT + key);
  }
  list(prefix: string) {
    return this.storage.list(AT + prefix);
  }
  async scan(prefix: string) {
    return (await this.storage.scan(AT + prefix)).map((key) => key.slice(AT.length));
  }
  transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    return this.storage.transaction((tx) =>
      fn({
        get: (key) => this.out(tx.get(AT + key)),
        put: (entry) => tx.put({ key: AT + entry.key, value: entry.value }),
        delete: (key) => tx.delete(AT + key),
        list: (prefix) => tx.list(AT + prefix),
      }),
    );
  }
  close() {
    this.closed = true;
    return this.storage.close();
  }
}

/** After each case: the merkle index matches the data and the WAL holds one record per change, in order. */
async function checkReplicationState(view: UnderPrefix): Promise<void> {
  if (view.closed) return;
  const { storage } = view;
  expect((await storage.checkIndex()).corrupted_root).toBe(false);
  const fetched = await storage.walsAfter(0, Number.MAX_SAFE_INTEGER);
  if (fetched.kind !== 'records') throw new Error('the WAL buffer lost records');
  expect(fetched.records.map((r) => r.index)).toEqual(
    Array.from({ length: storage.lastWal }, (_, i) => i + 1),
  );
  expect(fetched.records.every((r) => r.key.startsWith(AT))).toBe(true);
}

async function openPrimary(inner: PhysicalBackend, cleanup: () => Promise<void>): Promise<OpenedStorage> {
  const storage = new ReplicatedStorage(inner, (key) => classifier.classOf(key));
  await storage.setRole('primary', { rebuild: true });
  const view = new UnderPrefix(storage);
  return {
    backend: view,
    cleanup: async () => {
      try {
        await checkReplicationState(view);
      } finally {
        await storage.close();
        await cleanup();
      }
    },
  };
}

runStorageSuite('replicated storage (DR primary over memory)', () =>
  openPrimary(new MemoryBackend(), async () => undefined),
);

runStorageSuite('replicated storage (DR primary over SQLite)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hvr-repl-conf-'));
  return openPrimary(SqliteBackend.open(join(dir, 'hvr.sqlite')), () =>
    rm(dir, { recursive: true, force: true }),
  );
});
