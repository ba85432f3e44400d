import { createHash } from 'node:crypto';
import { HASH_BYTES } from './merkle-shape.js';
import type { BucketEntry } from './merkle-view.js';

/** The hash of an empty bucket: 20 zero bytes, so an empty tree has a well-defined root. */
export const EMPTY_BUCKET_HASH: Buffer = Buffer.alloc(HASH_BYTES);

/** sha1 of the stored bytes, hex lower-case: the value hash of a leaf. */
export const valueHash = (stored: Uint8Array): string => createHash('sha1').update(stored).digest('hex');

/**
 * sha1 over the entries in key order, each encoded unambiguously as
 * u32be(utf8 length of key) ‖ utf8(key) ‖ 20 raw bytes of the value hash.
 * An empty bucket hashes to EMPTY_BUCKET_HASH.
 */
export function hashBucket(entries: readonly BucketEntry[]): Buffer {
  if (entries.length === 0) return EMPTY_BUCKET_HASH;
  const h = createHash('sha1');
  const length = Buffer.alloc(4);
  for (const { key, hash } of entries) {
    const keyBytes = Buffer.from(key, 'utf8');
    length.writeUInt32BE(keyBytes.length, 0);
    h.update(length);
    h.update(keyBytes);
    h.update(Buffer.from(hash, 'hex'));
  }
  return h.digest();
}

/** sha1 over a run of child hashes (raw bytes, in order): a page from its buckets, the root from its pages. */
export const hashChildren = (children: Uint8Array): Buffer => createHash('sha1').update(children).digest();
