/**
 * One write as the primary committed it: the stored bytes (barrier ciphertext, shipped
 * unchanged) or a delete, its class, and the DR merkle root just before it (the guard).
 */
export interface WalRecord {
  readonly index: number;
  readonly key: string;
  /** base64 of the stored bytes; null for a delete. */
  readonly value: string | null;
  readonly cls: 'replicated' | 'local';
  readonly guard: string;
}

/** What a secondary asks for: the records after its last applied index. */
export interface WalCursor {
  readonly after: number;
}

export type WalFetch =
  | { readonly kind: 'records'; readonly records: readonly WalRecord[]; readonly lastWal: number }
  /** The primary no longer holds the records after `after`: reconcile by merkle sync. */
  | { readonly kind: 'behind-buffer'; readonly lastWal: number };

export const WAL_PREFIX = 'core/replication/wal/';
export const WAL_STATE_KEY = 'core/replication/wal-state';
export const DR_MERKLE_PREFIX = 'core/replication/merkle/dr/';

/** Zero-padded so storage order is index order. */
export const walKey = (index: number): string => `${WAL_PREFIX}${index.toString().padStart(16, '0')}`;
