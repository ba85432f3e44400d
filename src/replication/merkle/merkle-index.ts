import type { PhysicalBackend, TxnOps } from '../../storage/physical.js';
import { decodeBucket } from './bucket-codec.js';
import { HashTree } from './hash-tree.js';
import { MerkleBatch } from './merkle-batch.js';
import { bucketsOf, type EntrySource, type KeyFilter, writeBuckets } from './merkle-rebuild.js';
import {
  assertIndex,
  bucketFolder,
  bucketStorageKey,
  locate,
  PAGE_COUNT,
  slotOf,
  slotOfStorageKey,
} from './merkle-shape.js';
import type { BucketEntry, MerkleView } from './merkle-view.js';

const indexAll: KeyFilter = () => true;

/**
 * The merkle index of one replication set (DR or performance), persisted in the physical
 * store under `prefix` (non-empty buckets at `<prefix>b/<pppp>`) with every hash cached in
 * memory. Writes go through a MerkleBatch inside the caller's storage transaction.
 *
 *   const batch = index.begin();
 *   try { await physical.transaction((tx) => { ...; batch.stage(tx, key, bytes); }); }
 *   catch (error) { batch.rollback(); throw error; }
 *   batch.commit();
 *
 * or simply `await index.transact((tx, batch) => { ... })`.
 */
export class MerkleIndex implements MerkleView {
  private tree: HashTree | null = null;
  private physical: PhysicalBackend | null = null;
  private openBatch: MerkleBatch | null = null;
  private rebuilding = false;

  constructor(readonly prefix: string) {
    if (!prefix.endsWith('/')) throw new Error(`merkle index prefix must end in "/", got "${prefix}"`);
  }

  /** Reads every stored bucket once (in one transaction, a consistent snapshot) and builds the caches. */
  async load(physical: PhysicalBackend): Promise<void> {
    this.assertIdle('load');
    const folder = bucketFolder(this.prefix);
    const buckets = await physical.transaction((tx) => {
      const found = new Map<number, BucketEntry[]>();
      for (const name of tx.list(folder)) {
        const storageKey = `${folder}${name}`;
        const slot = slotOfStorageKey(this.prefix, storageKey);
        if (slot === null) throw new Error(`unexpected key under the merkle index: ${storageKey}`);
        const entries = readStored(tx, storageKey);
        for (const { key } of entries) {
          if (locate(key).slot !== slot)
            throw new Error(`corrupt merkle bucket at ${storageKey}: holds ${key}`);
        }
        if (entries.length > 0) found.set(slot, entries);
      }
      return found;
    });
    this.tree = HashTree.fromBuckets(buckets);
    this.physical = physical;
  }

  get loaded(): boolean {
    return this.tree !== null;
  }

  /** 40 hex chars, lower-case, as Vault shows `merkle_root`. */
  root(): string {
    return this.loadedTree().root();
  }

  pageHashes(): string[] {
    return this.loadedTree().pageHashes();
  }

  bucketHashes(page: number): string[] {
    assertIndex('page', page, PAGE_COUNT);
    return this.loadedTree().bucketHashes(page);
  }

  /** The committed entries of one bucket, read from storage. */
  async bucketEntries(page: number, bucket: number): Promise<BucketEntry[]> {
    const physical = this.loadedPhysical();
    const storageKey = bucketStorageKey(this.prefix, slotOf(page, bucket));
    const stored = await physical.get(storageKey);
    return stored === null ? [] : decodeBucket(storageKey, stored.value);
  }

  /** Opens the one batch allowed at a time; it must end in commit() or rollback(). */
  begin(): MerkleBatch {
    this.assertIdle('begin a batch');
    const batch = new MerkleBatch(this.loadedTree(), this.prefix, (closed) => {
      if (this.openBatch === closed) this.openBatch = null;
    });
    this.openBatch = batch;
    return batch;
  }

  /** Runs `fn` in one transaction of the loaded backend, committing or rolling back the batch to match. */
  async transact<T>(fn: (tx: TxnOps, batch: MerkleBatch) => T): Promise<T> {
    const physical = this.loadedPhysical();
    const batch = this.begin();
    let result: T;
    try {
      result = await physical.transaction((tx) => fn(tx, batch));
    } catch (error) {
      batch.rollback();
      throw error;
    }
    batch.commit();
    return result;
  }

  /**
   * Recomputes the index from the data (reindex): every entry of `source` whose key passes
   * `filter` is hashed, the stored buckets are replaced chunk by chunk, and the caches are
   * rebuilt. Writers must be paused; after a failed rebuild the index reads as not loaded
   * until a rebuild succeeds. Returns the root.
   */
  async rebuild(
    physical: PhysicalBackend,
    source: EntrySource,
    filter: KeyFilter = indexAll,
  ): Promise<string> {
    this.assertIdle('rebuild');
    this.rebuilding = true;
    try {
      const buckets = await bucketsOf(source, this.prefix, filter);
      this.tree = null;
      await writeBuckets(physical, this.prefix, buckets);
      this.tree = HashTree.fromBuckets(buckets);
      this.physical = physical;
      return this.tree.root();
    } finally {
      this.rebuilding = false;
    }
  }

  private loadedTree(): HashTree {
    if (this.tree === null) throw new Error(`merkle index ${this.prefix} is not loaded`);
    return this.tree;
  }

  private loadedPhysical(): PhysicalBackend {
    if (this.physical === null || this.tree === null)
      throw new Error(`merkle index ${this.prefix} is not loaded`);
    return this.physical;
  }

  private assertIdle(action: string): void {
    if (this.rebuilding) throw new Error(`cannot ${action}: merkle index ${this.prefix} is rebuilding`);
    if (this.openBatch !== null) throw new Error(`cannot ${action}: a merkle batch is still open`);
  }
}

function readStored(tx: TxnOps, storageKey: string): BucketEntry[] {
  const stored = tx.get(storageKey);
  return stored === null ? [] : decodeBucket(storageKey, stored.value);
}
