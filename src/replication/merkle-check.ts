import type { PhysicalBackend } from '../storage/physical.js';
import { EMPTY_BUCKET_HASH, hashBucket } from './merkle/merkle-hash.js';
import type { MerkleIndex } from './merkle/merkle-index.js';
import { bucketsOf } from './merkle/merkle-rebuild.js';
import { BUCKETS_PER_PAGE, PAGE_COUNT } from './merkle/merkle-shape.js';
import { storedEntries } from './merkle/stored-entries.js';

export interface CorruptionReport {
  readonly corrupted_root: boolean;
  readonly corrupted_tree_map: Record<string, unknown>;
  readonly last_corruption_check_epoch: string;
}

/**
 * sys/replication/merkle-check: recomputes every bucket hash from the data and compares it
 * with the index, page by page, in the shape of Vault's merkle_corruption_report.
 */
export async function checkMerkle(
  physical: PhysicalBackend,
  index: MerkleIndex,
  covered: (key: string) => boolean,
): Promise<CorruptionReport> {
  const fresh = await bucketsOf(storedEntries(physical), index.prefix, covered);
  const map: Record<string, unknown> = {};
  for (let page = 0; page < PAGE_COUNT; page++) {
    const indexed = index.bucketHashes(page);
    const bad: number[] = [];
    for (let bucket = 0; bucket < BUCKETS_PER_PAGE; bucket++) {
      const entries = fresh.get(page * BUCKETS_PER_PAGE + bucket);
      const expected = entries ? hashBucket(entries) : EMPTY_BUCKET_HASH;
      if (expected.toString('hex') !== indexed[bucket]) bad.push(bucket);
    }
    if (bad.length > 0) {
      map[String(page)] = {
        corrupted_index_tuples_map: { '0': { corrupted: true, subpages: bad } },
        corrupted_subtree_root: true,
        root_hash: Buffer.from(index.pageHashes()[page] ?? '', 'hex').toString('base64'),
        tree_type: 'replicated',
      };
    }
  }
  return {
    corrupted_root: Object.keys(map).length > 0,
    corrupted_tree_map: map,
    last_corruption_check_epoch: new Date().toISOString(),
  };
}
