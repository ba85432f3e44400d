import { HvrError } from '../core/errors.js';
import type { StorageClass } from '../core/storage-keys.js';
import type { Entry, PhysicalBackend, TxnOps } from '../storage/physical.js';
import { AsyncLock } from './async-lock.js';
import type { MerkleBatch } from './merkle/merkle-batch.js';
import { MerkleIndex } from './merkle/merkle-index.js';
import { storedEntries } from './merkle/stored-entries.js';
import { type CorruptionReport, checkMerkle } from './merkle-check.js';
import { DR_MERKLE_PREFIX, WAL_STATE_KEY, type WalFetch, type WalRecord, walKey } from './wal-record.js';
import { type WriteRecord, writeContext } from './write-context.js';

export type ReplicationRole = 'off' | 'primary' | 'secondary';

interface WalState {
  readonly lastWal: number;
  readonly lastRemoteWal: number;
  /** The oldest WAL index still held (the bounded buffer's start). */
  readonly oldest: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const INITIAL_STATE: WalState = { lastWal: 0, lastRemoteWal: 0, oldest: 1 };

/** The stored WAL state moved under this process's caches. */
class StaleStateError extends Error {
  override readonly name = 'StaleStateError';
  constructor(readonly stored: WalState) {
    super('replication state changed in storage');
  }
}

/**
 * A DR secondary's replicated and local entries change only through the apply path
 * (applyWals, applySync); any other write of one is refused and rolled back here, whatever
 * handler tried it, so the secondary never forks from its primary.
 */
export class SecondaryWriteError extends HvrError {
  constructor(key: string) {
    super(
      'HVR_DR_PATH_DISABLED',
      400,
      `this cluster is a DR secondary: its replicated storage changes only through replication (refused a write of "${key}")`,
    );
  }
}

/**
 * The storage layer replication lives in, between the barrier and the physical backend.
 * On a primary every write of a replicated or local entry commits, in the same
 * transaction, the entry, its WAL record (guarded by the merkle root before it) and its
 * merkle update. On a DR secondary the apply path writes batches the same way, with the
 * primary's indexes. Node-class entries pass straight through.
 */
export class ReplicatedStorage implements PhysicalBackend {
  readonly kind: PhysicalBackend['kind'];
  readonly merkle = new MerkleIndex(DR_MERKLE_PREFIX);
  private roleNow: ReplicationRole = 'off';
  private state: WalState = INITIAL_STATE;
  private readonly lock = new AsyncLock();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly inner: PhysicalBackend,
    private readonly classOf: (key: string) => StorageClass,
    readonly bufferLength = 16_384,
  ) {
    this.kind = inner.kind;
  }

  get role(): ReplicationRole {
    return this.roleNow;
  }

  get lastWal(): number {
    return this.state.lastWal;
  }

  get lastRemoteWal(): number {
    return this.state.lastRemoteWal;
  }

  merkleRoot(): string {
    return this.merkle.loaded ? this.merkle.root() : '';
  }

  /** Loads the WAL state and merkle index for a role; `rebuild` re-hashes all data first. */
  async setRole(role: ReplicationRole, opts: { rebuild?: boolean } = {}): Promise<void> {
    await this.lock.run(async () => {
      const stored = await this.inner.get(WAL_STATE_KEY);
      this.state = stored ? (JSON.parse(decoder.decode(stored.value)) as WalState) : INITIAL_STATE;
      if (role !== 'off') {
        if (opts.rebuild) {
          await this.merkle.rebuild(this.inner, storedEntries(this.inner), (key) => this.covered(key));
        } else {
          await this.merkle.load(this.inner);
        }
      }
      this.roleNow = role;
    });
  }

  /** Deletes every entry except those `keep` names (a secondary's wipe at activation). */
  async wipe(keep: (key: string) => boolean): Promise<void> {
    await this.lock.run(async () => {
      const keys = (await this.inner.scan('')).filter((key) => !keep(key));
      await this.inner.transaction((tx) => {
        for (const key of keys) tx.delete(key);
      });
      this.state = INITIAL_STATE;
    });
  }

  // ---- PhysicalBackend --------------------------------------------------------------------

  get(key: string): Promise<Entry | null> {
    return this.inner.get(key);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  scan(prefix: string): Promise<string[]> {
    return this.inner.scan(prefix);
  }

  put(entry: Entry): Promise<void> {
    return this.transaction((tx) => tx.put(entry));
  }

  delete(key: string): Promise<void> {
    return this.transaction((tx) => tx.delete(key));
  }

  transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    if (this.roleNow === 'off') return this.inner.transaction(fn);
    return this.lock.run(() => this.fresh(() => this.tracked(fn)));
  }

  /**
   * Another process may have written the same storage since this one loaded its WAL state
   * and merkle caches (two CLI processes on one embedded cluster). Every tracked write
   * checks the stored WAL state inside its transaction; when it moved, the caches are
   * reloaded and the write runs again.
   */
  private async fresh<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!(error instanceof StaleStateError) || attempt >= 5) throw error;
        this.state = error.stored;
        await this.merkle.load(this.inner);
      }
    }
  }

  /** Reloads the WAL state and merkle caches if another process wrote since (serving a secondary). */
  async refresh(): Promise<void> {
    if (this.roleNow === 'off') return;
    await this.lock.run(async () => {
      const stored = await this.inner.get(WAL_STATE_KEY);
      const state = stored ? (JSON.parse(decoder.decode(stored.value)) as WalState) : INITIAL_STATE;
      if (state.lastWal === this.state.lastWal && state.lastRemoteWal === this.state.lastRemoteWal) return;
      this.state = state;
      await this.merkle.load(this.inner);
    });
  }

  private assertCurrent(tx: TxnOps): void {
    const stored = tx.get(WAL_STATE_KEY);
    const state = stored ? (JSON.parse(decoder.decode(stored.value)) as WalState) : INITIAL_STATE;
    if (state.lastWal !== this.state.lastWal || state.lastRemoteWal !== this.state.lastRemoteWal) {
      throw new StaleStateError(state);
    }
  }

  close(): Promise<void> {
    for (const wake of this.waiters) wake();
    return this.inner.close();
  }

  private covered(key: string): boolean {
    return this.classOf(key) !== 'node';
  }

  /** Whether an entry may leave this cluster for a DR secondary (replicated or local class). */
  ships(key: string): boolean {
    return this.covered(key);
  }

  private async tracked<T>(fn: (tx: TxnOps) => T): Promise<T> {
    const batch = this.merkle.begin();
    const appended: WalRecord[] = [];
    const primary = this.roleNow === 'primary';
    const writes = primary ? writeContext.getStore() : undefined;
    let next: WalState = this.state;
    let result: T;
    try {
      result = await this.inner.transaction((tx) => {
        this.assertCurrent(tx);
        const record = (key: string, value: Uint8Array | null, before: Uint8Array | null) => {
          const cls = this.classOf(key);
          if (cls === 'node') return;
          if (this.roleNow === 'secondary') throw new SecondaryWriteError(key);
          if (!primary) {
            batch.stage(tx, key, value);
            return;
          }
          const guard = batch.rootAfter();
          writes?.changes.push({ key, before, after: value });
          batch.stage(tx, key, value);
          const wal: WalRecord = {
            index: this.state.lastWal + appended.length + 1,
            key,
            value: value === null ? null : Buffer.from(value).toString('base64'),
            cls,
            guard,
          };
          appended.push(wal);
          this.appendWal(tx, wal);
        };
        const out = fn({
          get: (key) => tx.get(key),
          list: (prefix) => tx.list(prefix),
          put: (entry) => {
            const before = writes ? (tx.get(entry.key)?.value ?? null) : null;
            tx.put(entry);
            record(entry.key, entry.value, before);
          },
          delete: (key) => {
            const before = writes ? (tx.get(key)?.value ?? null) : null;
            tx.delete(key);
            record(key, null, before);
          },
        });
        if (appended.length > 0) {
          next = this.advance(
            appended[appended.length - 1]?.index ?? this.state.lastWal,
            this.state.lastRemoteWal,
          );
          tx.put({ key: WAL_STATE_KEY, value: encoder.encode(JSON.stringify(next)) });
        }
        return out;
      });
    } catch (error) {
      batch.rollback();
      throw error;
    }
    batch.commit();
    this.state = next;
    if (appended.length > 0) {
      if (writes) writes.maxWal = Math.max(writes.maxWal, next.lastWal);
      this.wake();
    }
    return result;
  }

  private appendWal(tx: TxnOps, wal: WalRecord): void {
    tx.put({ key: walKey(wal.index), value: encoder.encode(JSON.stringify(wal)) });
    const expired = wal.index - this.bufferLength;
    if (expired >= 1) tx.delete(walKey(expired));
  }

  private advance(lastWal: number, lastRemoteWal: number): WalState {
    return { lastWal, lastRemoteWal, oldest: Math.max(this.state.oldest, lastWal - this.bufferLength + 1) };
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  // ---- primary side: serving secondaries ----------------------------------------------------

  /** The records after `after`, at most `max`; or `behind-buffer` when they are gone. */
  async walsAfter(after: number, max = 512): Promise<WalFetch> {
    const { lastWal, oldest } = this.state;
    if (after > lastWal || after + 1 < oldest) return { kind: 'behind-buffer', lastWal };
    const last = Math.min(lastWal, after + max);
    const records: WalRecord[] = [];
    for (let index = after + 1; index <= last; index++) {
      const entry = await this.inner.get(walKey(index));
      if (!entry) return { kind: 'behind-buffer', lastWal };
      const record = JSON.parse(decoder.decode(entry.value)) as WalRecord;
      // Never written for node-class keys; checked again so no batch can carry one.
      if (this.covered(record.key)) records.push(record);
    }
    return { kind: 'records', records, lastWal };
  }

  /** Resolves once a WAL after `after` exists, the timeout passes, or the signal aborts. */
  waitForWal(after: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.state.lastWal > after || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Stored bytes of the given keys (base64), null for missing ones: merkle-sync's fetch. */
  async readStored(keys: readonly string[]): Promise<{ key: string; value: string | null }[]> {
    const out: { key: string; value: string | null }[] = [];
    for (const key of keys) {
      const entry = await this.inner.get(key);
      out.push({ key, value: entry ? Buffer.from(entry.value).toString('base64') : null });
    }
    return out;
  }

  // ---- secondary side: applying what the primary sent --------------------------------------

  /**
   * Applies a batch of WAL records in one transaction, mirroring them into this cluster's
   * own WAL with the primary's indexes. With `checkGuard`, a batch whose first guard is not
   * this cluster's merkle root is refused (the two have diverged: reconcile by merkle diff).
   */
  async applyWals(
    records: readonly WalRecord[],
    opts: { checkGuard: boolean },
  ): Promise<'applied' | 'guard-mismatch' | 'stale'> {
    if (records.length === 0) return 'applied';
    return this.lock.run(() =>
      this.fresh(async () => {
        const first = records[0];
        const last = records[records.length - 1];
        if (!first || !last) return 'applied';
        if (first.index <= this.state.lastRemoteWal) return 'stale';
        if (opts.checkGuard && first.guard !== this.merkle.root()) return 'guard-mismatch';
        const next: WalState = {
          lastWal: last.index,
          lastRemoteWal: last.index,
          oldest: first.index === this.state.lastWal + 1 ? this.state.oldest : first.index,
        };
        await this.writeBatch((tx, batch) => {
          this.assertCurrent(tx);
          for (const wal of records) {
            const value = wal.value === null ? null : new Uint8Array(Buffer.from(wal.value, 'base64'));
            if (value === null) tx.delete(wal.key);
            else tx.put({ key: wal.key, value });
            batch.stage(tx, wal.key, value);
            this.appendWal(tx, wal);
          }
          tx.put({ key: WAL_STATE_KEY, value: encoder.encode(JSON.stringify(next)) });
        });
        this.state = next;
        this.wake();
        return 'applied' as const;
      }),
    );
  }

  /** Merkle-sync: writes fetched entries (or deletes) without WAL records, in one transaction. */
  async applySync(
    entries: readonly { key: string; value: string | null }[],
    lastRemoteWal?: number,
  ): Promise<void> {
    await this.lock.run(async () => {
      const next: WalState =
        lastRemoteWal === undefined
          ? this.state
          : { lastWal: lastRemoteWal, lastRemoteWal, oldest: lastRemoteWal + 1 };
      await this.writeBatch((tx, batch) => {
        for (const { key, value } of entries) {
          if (this.classOf(key) === 'node') continue;
          const bytes = value === null ? null : new Uint8Array(Buffer.from(value, 'base64'));
          if (bytes === null) tx.delete(key);
          else tx.put({ key, value: bytes });
          batch.stage(tx, key, bytes);
        }
        if (next !== this.state) tx.put({ key: WAL_STATE_KEY, value: encoder.encode(JSON.stringify(next)) });
      });
      this.state = next;
    });
  }

  /**
   * Zero-RPO rollback: restores what `changes` overwrote, newest first, but only where the
   * entry still holds what this request wrote (a later writer's value is left alone). The
   * restore is itself a replicated write, so secondaries that got the original revert too.
   */
  async undo(changes: WriteRecord['changes']): Promise<void> {
    await this.transaction((tx) => {
      for (const change of [...changes].reverse()) {
        const current = tx.get(change.key)?.value ?? null;
        if (!sameBytes(current, change.after)) continue;
        if (change.before === null) tx.delete(change.key);
        else tx.put({ key: change.key, value: change.before });
      }
    });
  }

  /** Compares the index with hashes recomputed from the data (sys/replication/merkle-check). */
  async checkIndex(): Promise<CorruptionReport> {
    return this.lock.run(() => checkMerkle(this.inner, this.merkle, (key) => this.covered(key)));
  }

  /** Recomputes the merkle index from the data (sys/replication/reindex). */
  async reindex(): Promise<string> {
    return this.lock.run(() =>
      this.merkle.rebuild(this.inner, storedEntries(this.inner), (key) => this.covered(key)),
    );
  }

  private async writeBatch(fn: (tx: TxnOps, batch: MerkleBatch) => void): Promise<void> {
    const batch = this.merkle.begin();
    try {
      await this.inner.transaction((tx) => fn(tx, batch));
    } catch (error) {
      batch.rollback();
      throw error;
    }
    batch.commit();
  }
}

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null): boolean =>
  a === null || b === null ? a === b : Buffer.from(a).equals(Buffer.from(b));
