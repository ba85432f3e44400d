import { EMPTY_BUCKET_HASH, hashBucket, hashChildren } from './merkle-hash.js';
import { BUCKET_COUNT, BUCKETS_PER_PAGE, HASH_BYTES, PAGE_COUNT } from './merkle-shape.js';
import type { BucketEntry } from './merkle-view.js';

const PAGE_SPAN = BUCKETS_PER_PAGE * HASH_BYTES;

/**
 * The in-memory hashes of the whole tree: 65,536 bucket hashes, 256 page hashes and the root,
 * as raw bytes in flat buffers. Changing a bucket costs one page hash (5 KiB) and one root hash
 * (5 KiB). Pending changes are computed against it without touching it, then applied.
 */
export class HashTree {
  private readonly buckets = Buffer.alloc(BUCKET_COUNT * HASH_BYTES);
  private readonly pages = Buffer.alloc(PAGE_COUNT * HASH_BYTES);
  private rootHash: Buffer;
  private readonly scratch = Buffer.alloc(PAGE_SPAN);

  private constructor() {
    for (let slot = 0; slot < BUCKET_COUNT; slot++) EMPTY_BUCKET_HASH.copy(this.buckets, slot * HASH_BYTES);
    const emptyPage = hashChildren(this.buckets.subarray(0, PAGE_SPAN));
    for (let page = 0; page < PAGE_COUNT; page++) emptyPage.copy(this.pages, page * HASH_BYTES);
    this.rootHash = hashChildren(this.pages);
  }

  static empty(): HashTree {
    return new HashTree();
  }

  /** A tree over the given non-empty buckets (slot → sorted entries). */
  static fromBuckets(buckets: ReadonlyMap<number, readonly BucketEntry[]>): HashTree {
    const tree = new HashTree();
    const dirtyPages = new Set<number>();
    for (const [slot, entries] of buckets) {
      hashBucket(entries).copy(tree.buckets, slot * HASH_BYTES);
      dirtyPages.add(Math.floor(slot / BUCKETS_PER_PAGE));
    }
    for (const page of dirtyPages) {
      hashChildren(tree.pageSpan(page)).copy(tree.pages, page * HASH_BYTES);
    }
    tree.rootHash = hashChildren(tree.pages);
    return tree;
  }

  root(): string {
    return this.rootHash.toString('hex');
  }

  pageHashes(): string[] {
    return hexRun(this.pages, PAGE_COUNT);
  }

  bucketHashes(page: number): string[] {
    return hexRun(this.pageSpan(page), BUCKETS_PER_PAGE);
  }

  /** The hash `page` would have with some of its buckets replaced (bucket index → hash). */
  pageHashWith(page: number, buckets: ReadonlyMap<number, Buffer>): Buffer {
    this.pageSpan(page).copy(this.scratch);
    for (const [bucket, hash] of buckets) hash.copy(this.scratch, bucket * HASH_BYTES);
    return hashChildren(this.scratch);
  }

  /** The root the tree would have with some pages replaced (page → hash). */
  rootWith(pages: ReadonlyMap<number, Buffer>): Buffer {
    if (pages.size === 0) return this.rootHash;
    const copy = Buffer.from(this.pages);
    for (const [page, hash] of pages) hash.copy(copy, page * HASH_BYTES);
    return hashChildren(copy);
  }

  /** Applies changes computed with pageHashWith and rootWith. */
  apply(buckets: ReadonlyMap<number, Buffer>, pages: ReadonlyMap<number, Buffer>, root: Buffer): void {
    for (const [slot, hash] of buckets) hash.copy(this.buckets, slot * HASH_BYTES);
    for (const [page, hash] of pages) hash.copy(this.pages, page * HASH_BYTES);
    this.rootHash = root;
  }

  private pageSpan(page: number): Buffer {
    return this.buckets.subarray(page * PAGE_SPAN, (page + 1) * PAGE_SPAN);
  }
}

function hexRun(buffer: Buffer, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(buffer.toString('hex', i * HASH_BYTES, (i + 1) * HASH_BYTES));
  return out;
}
