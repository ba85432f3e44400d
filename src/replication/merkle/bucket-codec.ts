import { compareBytes } from '../../storage/list-level.js';
import type { BucketEntry } from './merkle-view.js';

/**
 * A bucket as stored: compact JSON `[["key","hash"],...]`, sorted by key (byte order).
 * Only non-empty buckets are stored.
 */
export function encodeBucket(entries: readonly BucketEntry[]): Uint8Array {
  return Buffer.from(JSON.stringify(entries.map((e) => [e.key, e.hash])), 'utf8');
}

export function decodeBucket(storageKey: string, bytes: Uint8Array): BucketEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (error) {
    throw corrupt(storageKey, 'not JSON', error);
  }
  if (!Array.isArray(parsed)) throw corrupt(storageKey, 'not an array');
  const entries: BucketEntry[] = [];
  for (const item of parsed as unknown[]) {
    if (!Array.isArray(item) || item.length !== 2) throw corrupt(storageKey, 'entry is not a pair');
    const [key, hash] = item as unknown[];
    if (typeof key !== 'string' || typeof hash !== 'string' || !/^[0-9a-f]{40}$/.test(hash)) {
      throw corrupt(storageKey, 'entry is not [key, 40-hex hash]');
    }
    const previous = entries.at(-1);
    if (previous !== undefined && compareBytes(previous.key, key) >= 0) {
      throw corrupt(storageKey, 'entries are not sorted and unique');
    }
    entries.push({ key, hash });
  }
  return entries;
}

/**
 * A sorted list with `key` set to `hash`, or without `key` when `hash` is null: a new list
 * when that changes anything, `entries` itself when it does not.
 */
export function withEntry(entries: readonly BucketEntry[], key: string, hash: string | null): BucketEntry[] {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = entries[mid];
    if (probe !== undefined && compareBytes(probe.key, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  const found = entries[lo];
  const present = found !== undefined && found.key === key;
  if (hash === null ? !present : present && found.hash === hash) return entries as BucketEntry[];
  const next = entries.slice();
  if (hash === null) next.splice(lo, 1);
  else if (present) next[lo] = { key, hash };
  else next.splice(lo, 0, { key, hash });
  return next;
}

function corrupt(storageKey: string, reason: string, cause?: unknown): Error {
  return new Error(`corrupt merkle bucket at ${storageKey}: ${reason}`, { cause });
}
