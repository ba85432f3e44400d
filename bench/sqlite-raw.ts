/**
 * The storage floor for persistent writes, run as a child by bench/kv-http.ts: raw
 * better-sqlite3 on a fresh file with the durability hvr's sqlite backend uses (WAL,
 * synchronous=FULL) and the same table shape, timing single-row INSERT OR REPLACE
 * transactions one at a time (BEGIN IMMEDIATE ... COMMIT each, so one fsync'd commit per
 * write). Takes one JSON argument (SqliteConfig); prints one JSON line (SqliteResult).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { percentile } from './stats.js';

export interface SqliteConfig {
  readonly dir: string;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly valueBytes: number;
  readonly keys: number;
}

export interface SqliteResult {
  readonly ops: number;
  readonly durationMs: number;
  readonly rate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly journalMode: string;
  readonly synchronous: number;
}

function run(cfg: SqliteConfig): SqliteResult {
  const db = new Database(join(cfg.dir, 'raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID');
    const journalMode = String(db.pragma('journal_mode', { simple: true }));
    const synchronous = Number(db.pragma('synchronous', { simple: true }));
    const insert = db.prepare<[string, Buffer], unknown>(
      'INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)',
    );
    const write = db.transaction((key: string, value: Buffer) => {
      insert.run(key, value);
    });
    const value = randomBytes(cfg.valueBytes);

    let latencies = new Float64Array(1 << 14);
    let recorded = 0;
    const t0 = performance.now();
    const measureStart = t0 + cfg.warmupMs;
    const measureEnd = measureStart + cfg.durationMs;
    for (let n = 0; ; n++) {
      const start = performance.now();
      if (start >= measureEnd) break;
      // A different value every time, as hvr's are (fresh AEAD nonce): SQLite skips writing a
      // page when a row is replaced by identical bytes, and then commits without an fsync.
      value.writeUInt32BE(n, 0);
      write.immediate(`logical/bench/${n % cfg.keys}`, value);
      const end = performance.now();
      if (start >= measureStart) {
        if (recorded === latencies.length) {
          const bigger = new Float64Array(latencies.length * 2);
          bigger.set(latencies);
          latencies = bigger;
        }
        latencies[recorded++] = end - start;
      }
    }
    const sorted = latencies.subarray(0, recorded).sort();
    return {
      ops: recorded,
      durationMs: cfg.durationMs,
      rate: recorded / (cfg.durationMs / 1000),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      journalMode,
      synchronous,
    };
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write('usage: sqlite-raw.ts <json SqliteConfig>\n');
    process.exit(2);
  }
  try {
    process.stdout.write(`${JSON.stringify(run(JSON.parse(arg) as SqliteConfig))}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
