/** One leaf of the tree: a key and the sha1 (hex) of its stored bytes. */
export interface BucketEntry {
  readonly key: string;
  readonly hash: string;
}

export type Awaitable<T> = T | Promise<T>;

/**
 * The read side of a merkle tree, enough to diff two of them. A local MerkleIndex is one;
 * a remote cluster's tree behind a link is another (each call a round trip).
 */
export interface MerkleView {
  /** 40 hex chars, lower-case. */
  root(): Awaitable<string>;
  /** The 256 page hashes, in page order. */
  pageHashes(): Awaitable<readonly string[]>;
  /** The 256 bucket hashes of one page, in bucket order. */
  bucketHashes(page: number): Awaitable<readonly string[]>;
  /** The entries of one bucket, in key order. */
  bucketEntries(page: number, bucket: number): Awaitable<readonly BucketEntry[]>;
  /** Optional batched forms, so a remote view answers many pages or buckets per round trip. */
  bucketHashesMany?(pages: readonly number[]): Awaitable<readonly (readonly string[])[]>;
  bucketEntriesMany?(
    slots: readonly (readonly [number, number])[],
  ): Awaitable<readonly (readonly BucketEntry[])[]>;
}
