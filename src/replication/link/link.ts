import type { Keyring } from '../../core/barrier.js';
import type { BucketEntry } from '../merkle/merkle-view.js';
import type { WalFetch } from '../wal-record.js';

/** What a secondary needs from its primary once, at bootstrap: the keys to read what it ships. */
export interface KeyMaterial {
  readonly keyring: Keyring;
  /** The primary's stored `core/root-key` and `core/seal-config`, base64: a restarted secondary unseals with the primary's keys. */
  readonly sealedRootKey: string;
  readonly sealConfig: string;
}

export interface HeartbeatRequest {
  readonly lastRemoteWal: number;
  readonly apiAddr: string;
  readonly clusterAddr: string;
  /** Sender's clock, epoch ms. */
  readonly time: number;
  /** What the sender is: a promoted cluster probing its old primary says `primary`. */
  readonly mode?: 'secondary' | 'primary';
}

export interface HeartbeatReply {
  /** What the answering cluster is (a primary, when a promoted peer probes it). */
  readonly mode?: 'primary';
  readonly lastWal: number;
  readonly merkleRoot: string;
  readonly apiAddr: string;
  readonly clusterAddr: string;
  readonly clusterId: string;
  readonly time: number;
}

export interface StoredEntry {
  readonly key: string;
  /** base64 of the stored bytes; null when the key no longer exists. */
  readonly value: string | null;
}

/**
 * A secondary's connection to its primary. `in-process` calls the primary's service
 * object; `mtls` speaks HTTPS to its cluster listener with the secondary's client certificate.
 */
export interface Link {
  readonly kind: 'in-process' | 'mtls';
  /** Records after `after`; waits up to `waitMs` for one when there are none yet. */
  wals(after: number, waitMs: number, signal?: AbortSignal): Promise<WalFetch>;
  /** The primary's last WAL index now (where a reconcile or a catch-up aims). */
  lastWal(signal?: AbortSignal): Promise<number>;
  merkleRoot(): Promise<string>;
  pageHashes(): Promise<readonly string[]>;
  bucketHashes(page: number): Promise<readonly string[]>;
  bucketEntries(page: number, bucket: number): Promise<readonly BucketEntry[]>;
  /** Many pages' bucket hashes, or many buckets' entries, in one round trip (merkle diff). */
  bucketHashesMany(pages: readonly number[]): Promise<readonly (readonly string[])[]>;
  bucketEntriesMany(
    slots: readonly (readonly [number, number])[],
  ): Promise<readonly (readonly BucketEntry[])[]>;
  fetch(keys: readonly string[]): Promise<readonly StoredEntry[]>;
  keyMaterial(): Promise<KeyMaterial>;
  heartbeat(req: HeartbeatRequest): Promise<HeartbeatReply>;
  close(): Promise<void>;
}

/** A refusal from the primary that retrying will not fix (revoked, unknown secondary). */
export class LinkRefusedError extends Error {
  override readonly name = 'LinkRefusedError';
}
