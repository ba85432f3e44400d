import { compareBytes } from '../../storage/list-level.js';
import { BUCKETS_PER_PAGE, PAGE_COUNT } from './merkle-shape.js';
import type { BucketEntry, MerkleView } from './merkle-view.js';

export interface DiffStats {
  /** Levels descended, each one wave of (parallel) calls to the remote: root, pages, buckets, entries. */
  readonly roundTrips: number;
  /** Calls made to the remote view in all. */
  readonly remoteCalls: number;
  readonly pagesDiffering: number;
  readonly bucketsDiffering: number;
}

export interface MerkleDiff {
  /** Keys whose value differs or that exist only remotely, sorted: fetch them from the remote. */
  readonly fetch: string[];
  /** Keys that exist only locally, sorted: delete them here. */
  readonly remove: string[];
  readonly stats: DiffStats;
}

export interface DiffOptions {
  /** Calls in flight at once to each view within a level (default 16). */
  readonly concurrency?: number;
}

/**
 * Compares two trees top down, descending only where hashes differ: roots, then the 256
 * page hashes, then the bucket hashes of differing pages, then the entries of differing
 * buckets. Values are never compared, only their hashes.
 */
export async function diffTrees(
  local: MerkleView,
  remote: MerkleView,
  options: DiffOptions = {},
): Promise<MerkleDiff> {
  const concurrency = options.concurrency ?? 16;
  let roundTrips = 0;
  let remoteCalls = 0;
  const ask = <T>(call: () => T | Promise<T>): Promise<T> => {
    remoteCalls++;
    return Promise.resolve(call());
  };
  const stats = (pagesDiffering: number, bucketsDiffering: number): DiffStats => ({
    roundTrips,
    remoteCalls,
    pagesDiffering,
    bucketsDiffering,
  });

  roundTrips++;
  const [localRoot, remoteRoot] = await Promise.all([local.root(), ask(() => remote.root())]);
  if (localRoot === remoteRoot) return { fetch: [], remove: [], stats: stats(0, 0) };

  roundTrips++;
  const [localPages, remotePages] = await Promise.all([local.pageHashes(), ask(() => remote.pageHashes())]);
  const pages = differing(localPages, expectCount(remotePages, PAGE_COUNT, 'page hashes'));

  roundTrips++;
  const remoteBucketHashes = remote.bucketHashesMany
    ? batched(pages, PAGES_PER_CALL, concurrency, (chunk) =>
        ask(() => remote.bucketHashesMany?.(chunk) ?? []),
      )
    : mapLimited(pages, concurrency, (page) => ask(() => remote.bucketHashes(page)));
  const theirPages = await remoteBucketHashes;
  const buckets: (readonly [number, number])[] = [];
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i] as number;
    const mine = await local.bucketHashes(page);
    const theirs = expectCount(
      theirPages[i] as readonly string[],
      BUCKETS_PER_PAGE,
      `bucket hashes of page ${page}`,
    );
    for (const bucket of differing(mine, theirs)) buckets.push([page, bucket] as const);
  }

  const fetch = new Set<string>();
  const remove = new Set<string>();
  if (buckets.length > 0) {
    roundTrips++;
    const theirBuckets = remote.bucketEntriesMany
      ? await batched(buckets, BUCKETS_PER_CALL, concurrency, (chunk) =>
          ask(() => remote.bucketEntriesMany?.(chunk) ?? []),
        )
      : await mapLimited(buckets, concurrency, ([page, bucket]) =>
          ask(() => remote.bucketEntries(page, bucket)),
        );
    for (let i = 0; i < buckets.length; i++) {
      const [page, bucket] = buckets[i] as readonly [number, number];
      compareEntries(await local.bucketEntries(page, bucket), theirBuckets[i] ?? [], fetch, remove);
    }
  }
  return {
    fetch: [...fetch].sort(compareBytes),
    remove: [...remove].sort(compareBytes),
    stats: stats(pages.length, buckets.length),
  };
}

/** Pages and buckets asked per call of a batched remote view. */
const PAGES_PER_CALL = 32;
const BUCKETS_PER_CALL = 512;

/** Calls `fn` on chunks of `items` (at most `limit` in flight) and flattens the answers in order. */
async function batched<T, R>(
  items: readonly T[],
  size: number,
  limit: number,
  fn: (chunk: readonly T[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  const answers = await mapLimited(chunks, limit, async (chunk) => {
    const answer = await fn(chunk);
    if (answer.length !== chunk.length)
      throw new Error(`remote merkle view answered ${answer.length} of ${chunk.length} items`);
    return answer;
  });
  return answers.flat();
}

function compareEntries(
  mine: readonly BucketEntry[],
  theirs: readonly BucketEntry[],
  fetch: Set<string>,
  remove: Set<string>,
): void {
  const local = new Map(mine.map((e) => [e.key, e.hash]));
  for (const { key, hash } of theirs) {
    if (local.get(key) !== hash) fetch.add(key);
    local.delete(key);
  }
  for (const key of local.keys()) remove.add(key);
}

function differing(a: readonly string[], b: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

function expectCount(hashes: readonly string[], count: number, what: string): readonly string[] {
  if (!Array.isArray(hashes) || hashes.length !== count) {
    throw new Error(`remote merkle view sent ${String(hashes?.length)} ${what}, expected ${count}`);
  }
  return hashes;
}

/** Maps over `items` with at most `limit` calls in flight, keeping the order of results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
