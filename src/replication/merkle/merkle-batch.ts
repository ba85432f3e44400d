import type { TxnOps } from '../../storage/physical.js';
import { decodeBucket, encodeBucket, withEntry } from './bucket-codec.js';
import type { HashTree } from './hash-tree.js';
import { hashBucket, valueHash } from './merkle-hash.js';
import { BUCKETS_PER_PAGE, bucketStorageKey, locate } from './merkle-shape.js';
import type { BucketEntry } from './merkle-view.js';

export type BatchState = 'open' | 'committed' | 'rolled-back';

/**
 * One storage transaction's worth of merkle changes. `stage` writes the touched buckets
 * through the caller's transaction and keeps their new hashes aside; `commit` (after the
 * transaction committed) moves them into the index's caches, `rollback` (after it threw)
 * drops them. Obtain one from MerkleIndex.begin(); only one is open at a time.
 */
export class MerkleBatch {
  private current: BatchState = 'open';
  private boundTx: TxnOps | null = null;
  /** New bucket hashes, by page then bucket. */
  private readonly changed = new Map<number, Map<number, Buffer>>();
  /** Page hashes computed since the last stage() touching the page. */
  private readonly pageMemo = new Map<number, Buffer>();
  private rootMemo: Buffer | null = null;

  /** Created by MerkleIndex.begin(), never directly. */
  constructor(
    private readonly tree: HashTree,
    private readonly prefix: string,
    private readonly onClose: (batch: MerkleBatch) => void,
  ) {}

  get state(): BatchState {
    return this.current;
  }

  /**
   * Records that `key` now holds `storedValue` (the exact stored bytes), or was deleted
   * (null). Call inside the same synchronous transaction that writes the entry; every
   * stage() of a batch must use that one transaction (checked as far as the backend hands
   * out distinct TxnOps objects). The bucket is read through `tx`, so it sees the batch's
   * own earlier writes and the same key may be staged again.
   */
  stage(tx: TxnOps, key: string, storedValue: Uint8Array | null): void {
    this.assertOpen('stage');
    if (this.boundTx === null) this.boundTx = tx;
    else if (this.boundTx !== tx) throw new Error('a merkle batch belongs to one storage transaction');
    if (key.startsWith(this.prefix)) throw new Error(`the merkle index cannot index its own key ${key}`);

    const { page, bucket, slot } = locate(key);
    const storageKey = bucketStorageKey(this.prefix, slot);
    const before = readBucket(tx, storageKey);
    const after = withEntry(before, key, storedValue === null ? null : valueHash(storedValue));
    if (after === before) return;

    if (after.length === 0) tx.delete(storageKey);
    else tx.put({ key: storageKey, value: encodeBucket(after) });

    let pageChanges = this.changed.get(page);
    if (pageChanges === undefined) {
      pageChanges = new Map();
      this.changed.set(page, pageChanges);
    }
    pageChanges.set(bucket, hashBucket(after));
    this.pageMemo.delete(page);
    this.rootMemo = null;
  }

  /** The root as it will be once this batch is committed (the index's root if nothing changed). */
  rootAfter(): string {
    if (this.current === 'rolled-back') throw new Error('merkle batch was rolled back');
    return this.computeRoot().toString('hex');
  }

  /** Applies the staged hashes to the index. Call only after the storage transaction committed. */
  commit(): void {
    this.assertOpen('commit');
    const root = this.computeRoot();
    const buckets = new Map<number, Buffer>();
    for (const [page, pageChanges] of this.changed) {
      for (const [bucket, hash] of pageChanges) buckets.set(page * BUCKETS_PER_PAGE + bucket, hash);
    }
    this.tree.apply(buckets, this.pageMemo, root);
    this.close('committed');
  }

  /** Drops the staged hashes. Call when the storage transaction threw; harmless twice. */
  rollback(): void {
    if (this.current === 'rolled-back') return;
    if (this.current === 'committed') throw new Error('merkle batch already committed');
    this.close('rolled-back');
  }

  private computeRoot(): Buffer {
    if (this.rootMemo !== null) return this.rootMemo;
    for (const [page, pageChanges] of this.changed) {
      if (!this.pageMemo.has(page)) this.pageMemo.set(page, this.tree.pageHashWith(page, pageChanges));
    }
    this.rootMemo = this.tree.rootWith(this.pageMemo);
    return this.rootMemo;
  }

  private close(state: BatchState): void {
    this.current = state;
    this.onClose(this);
  }

  private assertOpen(action: string): void {
    if (this.current !== 'open') throw new Error(`cannot ${action}: merkle batch already ${this.current}`);
  }
}

function readBucket(tx: TxnOps, storageKey: string): BucketEntry[] {
  const stored = tx.get(storageKey);
  return stored === null ? [] : decodeBucket(storageKey, stored.value);
}
