/**
 * Measures single-key updates on a merkle index of 100k keys, one storage transaction each
 * (entry put + stage + rootAfter + commit), on the memory and SQLite backends; the figure
 * in parentheses is the merkle index's own share (bucket read/write through tx and hashing).
 * Run: npm run bench:merkle -- [keys] [updates]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MerkleIndex } from '../src/replication/merkle/merkle-index.js';
import { MemoryBackend } from '../src/storage/memory.js';
import type { PhysicalBackend } from '../src/storage/physical.js';
import { SqliteBackend } from '../src/storage/sqlite.js';

const PREFIX = 'core/replication/merkle/bench/';
const keyCount = Number(process.argv[2] ?? 100_000);
const updates = Number(process.argv[3] ?? 20_000);
const encoder = new TextEncoder();
const keyOf = (i: number): string => `logical/kv/data/secret-${i}`;

async function bench(name: string, physical: PhysicalBackend): Promise<void> {
  const index = new MerkleIndex(PREFIX);
  const data = Array.from({ length: keyCount }, (_, i) => ({
    key: keyOf(i),
    value: encoder.encode(`v0-${i}`),
  }));
  let started = performance.now();
  await index.rebuild(physical, data);
  const rebuildMs = performance.now() - started;

  let merkleMs = 0;
  started = performance.now();
  for (let n = 0; n < updates; n++) {
    const key = keyOf((n * 7919) % keyCount);
    const value = encoder.encode(`v1-${n}`);
    const batch = index.begin();
    await physical.transaction((tx) => {
      tx.put({ key, value });
      const t0 = performance.now();
      batch.stage(tx, key, value);
      batch.rootAfter();
      merkleMs += performance.now() - t0;
    });
    const t1 = performance.now();
    batch.commit();
    merkleMs += performance.now() - t1;
  }
  const updateMs = performance.now() - started;

  started = performance.now();
  const reloaded = new MerkleIndex(PREFIX);
  await reloaded.load(physical);
  const loadMs = performance.now() - started;
  if (reloaded.root() !== index.root()) throw new Error('reloaded root differs');

  report(
    `${name}: ${keyCount} keys; rebuild ${rebuildMs.toFixed(0)} ms; load ${loadMs.toFixed(0)} ms; ` +
      `${updates} updates in ${updateMs.toFixed(0)} ms = ${Math.round((updates / updateMs) * 1000)} updates/s ` +
      `(${((updateMs * 1000) / updates).toFixed(1)} µs each, ` +
      `${((merkleMs * 1000) / updates).toFixed(1)} µs of it in the merkle index)`,
  );
}

function report(line: string): void {
  // biome-ignore lint/suspicious/noConsole: a bench script prints its result
  console.log(line);
}

await bench('memory', new MemoryBackend());
const dir = mkdtempSync(join(tmpdir(), 'hvr-merkle-bench-'));
const sqlite = SqliteBackend.open(join(dir, 'bench.db'));
try {
  await bench('sqlite', sqlite);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}
