import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { MerkleIndex } from '../../../src/replication/merkle/merkle-index.js';
import { MemoryBackend } from '../../../src/storage/memory.js';
import type { PhysicalBackend } from '../../../src/storage/physical.js';
import { SqliteBackend } from '../../../src/storage/sqlite.js';

export const PREFIX = 'core/replication/merkle/dr/';

const encoder = new TextEncoder();
export const bytes = (text: string): Uint8Array => encoder.encode(text);

/** A store that can be closed and opened again with its data (SQLite: the same file). */
export interface TestStore {
  physical: PhysicalBackend;
  reopen(): Promise<PhysicalBackend>;
}

export type OpenStore = () => Promise<TestStore>;

async function memoryStore(): Promise<TestStore> {
  const physical = new MemoryBackend();
  onTestFinished(() => physical.close());
  // Memory data lives in the object: "reopening" hands back the same backend.
  return { physical, reopen: async () => physical };
}

async function sqliteStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), 'hvr-merkle-'));
  const file = join(dir, 'store.db');
  const store: TestStore = {
    physical: SqliteBackend.open(file),
    async reopen() {
      await store.physical.close();
      store.physical = SqliteBackend.open(file);
      return store.physical;
    },
  };
  onTestFinished(async () => {
    await store.physical.close();
    await rm(dir, { recursive: true, force: true });
  });
  return store;
}

export const STORES: ReadonlyArray<readonly [string, OpenStore]> = [
  ['memory', memoryStore],
  ['sqlite', sqliteStore],
];

export async function loadedIndex(physical: PhysicalBackend): Promise<MerkleIndex> {
  const index = new MerkleIndex(PREFIX);
  await index.load(physical);
  return index;
}

/** Writes the entries (null = delete) and stages them, all in one transaction. */
export async function write(
  index: MerkleIndex,
  changes: ReadonlyArray<readonly [string, string | null]>,
): Promise<void> {
  await index.transact((tx, batch) => {
    for (const [key, value] of changes) {
      if (value === null) {
        tx.delete(key);
        batch.stage(tx, key, null);
      } else {
        const stored = bytes(value);
        tx.put({ key, value: stored });
        batch.stage(tx, key, stored);
      }
    }
  });
}

/** Every stored key and value under the index prefix, for before/after comparisons. */
export async function snapshot(physical: PhysicalBackend, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of await physical.scan(prefix)) {
    const entry = await physical.get(key);
    if (entry !== null) out[key] = Buffer.from(entry.value).toString('hex');
  }
  return out;
}

export const keyOf = (i: number): string => `logical/kv/data/secret-${String(i).padStart(5, '0')}`;

/** A deterministic shuffle (mulberry32), so failures reproduce. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
