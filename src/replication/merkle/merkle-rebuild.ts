import { compareBytes } from '../../storage/list-level.js';
import type { Entry, PhysicalBackend } from '../../storage/physical.js';
import { encodeBucket } from './bucket-codec.js';
import { valueHash } from './merkle-hash.js';
import { BUCKET_COUNT, bucketFolder, bucketStorageKey, locate, slotOfStorageKey } from './merkle-shape.js';
import type { BucketEntry } from './merkle-view.js';

/** Buckets written per storage transaction during a rebuild. */
const SLOTS_PER_TRANSACTION = 4096;

export type EntrySource = AsyncIterable<Entry> | Iterable<Entry>;
/** Which keys the index covers (for example replicated and local keys for DR). */
export type KeyFilter = (key: string) => boolean;

/**
 * Hashes every entry of `source` that passes `filter` into buckets (a later entry for the
 * same key wins). Keys under `prefix`, the index's own, are never indexed.
 */
export async function bucketsOf(
  source: EntrySource,
  prefix: string,
  filter: KeyFilter,
): Promise<Map<number, BucketEntry[]>> {
  const bySlot = new Map<number, Map<string, string>>();
  for await (const { key, value } of source) {
    if (key.startsWith(prefix) || !filter(key)) continue;
    const { slot } = locate(key);
    let bucket = bySlot.get(slot);
    if (bucket === undefined) {
      bucket = new Map();
      bySlot.set(slot, bucket);
    }
    bucket.set(key, valueHash(value));
  }
  const buckets = new Map<number, BucketEntry[]>();
  for (const [slot, bucket] of bySlot) {
    const entries = [...bucket].map(([key, hash]) => ({ key, hash }));
    buckets.set(
      slot,
      entries.sort((a, b) => compareBytes(a.key, b.key)),
    );
  }
  return buckets;
}

/**
 * Replaces the stored buckets under `prefix` with `buckets`, a chunk of slots per
 * transaction: each bucket is at every moment either its old or its new self, but the
 * whole is not atomic, so writers must be paused and a failed rebuild run again.
 */
export async function writeBuckets(
  physical: PhysicalBackend,
  prefix: string,
  buckets: ReadonlyMap<number, readonly BucketEntry[]>,
): Promise<void> {
  const stale = new Set<number>();
  for (const key of await physical.scan(bucketFolder(prefix))) {
    const slot = slotOfStorageKey(prefix, key);
    if (slot === null) throw new Error(`unexpected key under the merkle index: ${key}`);
    stale.add(slot);
  }
  for (let start = 0; start < BUCKET_COUNT; start += SLOTS_PER_TRANSACTION) {
    const end = start + SLOTS_PER_TRANSACTION;
    await physical.transaction((tx) => {
      for (let slot = start; slot < end; slot++) {
        const entries = buckets.get(slot);
        if (entries !== undefined && entries.length > 0) {
          tx.put({ key: bucketStorageKey(prefix, slot), value: encodeBucket(entries) });
        } else if (stale.has(slot)) {
          tx.delete(bucketStorageKey(prefix, slot));
        }
      }
    });
  }
}
