import { createHash } from 'node:crypto';

/**
 * The fixed shape of the merkle index (DESIGN.md, "Merkle shape"): 256 pages of 256 buckets,
 * addressed by the first two bytes of sha1(key). The shape never changes, so two clusters
 * can compare their trees level by level without agreeing on anything else.
 */
export const PAGE_COUNT = 256;
export const BUCKETS_PER_PAGE = 256;
export const BUCKET_COUNT = PAGE_COUNT * BUCKETS_PER_PAGE;
/** Length of a SHA-1 digest in bytes (40 hex characters). */
export const HASH_BYTES = 20;

/** Where a key lives: its page, its bucket inside the page, and the flat slot page*256+bucket. */
export interface BucketAddress {
  readonly page: number;
  readonly bucket: number;
  readonly slot: number;
}

export function locate(key: string): BucketAddress {
  const digest = createHash('sha1').update(key, 'utf8').digest();
  const page = digest[0] ?? 0;
  const bucket = digest[1] ?? 0;
  return { page, bucket, slot: page * BUCKETS_PER_PAGE + bucket };
}

export function slotOf(page: number, bucket: number): number {
  assertIndex('page', page, PAGE_COUNT);
  assertIndex('bucket', bucket, BUCKETS_PER_PAGE);
  return page * BUCKETS_PER_PAGE + bucket;
}

export function assertIndex(what: string, value: number, count: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= count) {
    throw new RangeError(`merkle ${what} must be an integer in [0, ${count}), got ${value}`);
  }
}

/** Folder under the index prefix that holds the non-empty buckets. */
export const bucketFolder = (prefix: string): string => `${prefix}b/`;

/** `<prefix>b/<4 hex chars: page byte, bucket byte>`. */
export const bucketStorageKey = (prefix: string, slot: number): string =>
  `${bucketFolder(prefix)}${slot.toString(16).padStart(4, '0')}`;

/** The slot named by a bucket storage key, or null if the key is not one. */
export function slotOfStorageKey(prefix: string, storageKey: string): number | null {
  const folder = bucketFolder(prefix);
  if (!storageKey.startsWith(folder)) return null;
  const name = storageKey.slice(folder.length);
  return /^[0-9a-f]{4}$/.test(name) ? Number.parseInt(name, 16) : null;
}
