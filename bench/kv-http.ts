/**
 * `npm run bench`: KV v2 reads and writes against real hvr nodes over loopback, with the
 * client in another process (bench/load.ts), each figure also given as a ratio to floors
 * measured in the same run:
 *   - the HTTP floor: a bare node:http server answering a fixed JSON body
 *     (bench/baseline-server.ts), driven by the same client with the same request shape;
 *   - the storage floor, for the persistent node's writes: raw better-sqlite3 single-row
 *     transactions with the same durability (WAL, synchronous=FULL) (bench/sqlite-raw.ts).
 * Rounds are interleaved (floor, hvr, floor, hvr, ..., order alternating per round) and the
 * report gives medians over rounds; ratios are taken per round, between neighbouring runs,
 * and then the median. Results also go to bench/results/latest.json.
 *
 * Environment (defaults keep the whole run near 2-3 minutes on 2 cores):
 *   HVR_BENCH_LONG=1               7 rounds of 10 s each (overridden by the settings below)
 *   HVR_BENCH_ROUNDS=3             rounds
 *   HVR_BENCH_SECONDS=2.5          measured seconds per run
 *   HVR_BENCH_WARMUP_SECONDS=0.75  warm-up seconds per run (not measured)
 *   HVR_BENCH_CLIENTS=1,16         concurrent clients
 *   HVR_BENCH_PERSISTENT=0         skip the persistent (sqlite) node and the raw sqlite floor
 *   HVR_BENCH_CLIENT=fetch         drive load with Node's global fetch instead of undici Pool
 *                                  (a heavier client: the floor drops to roughly 6k / 10k req/s)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  api,
  cleanup,
  HVR_BIN,
  interrupted,
  numEnv,
  RESULTS_DIR,
  ROOT,
  runJsonChild,
  type Server,
  startServer,
  tempDir,
} from './harness.js';
import type { LoadConfig, LoadResult } from './load.js';
import type { SqliteConfig, SqliteResult } from './sqlite-raw.js';
import { median } from './stats.js';

const LOAD = join(ROOT, 'bench', 'load.ts');
const BASELINE = join(ROOT, 'bench', 'baseline-server.ts');
const SQLITE_RAW = join(ROOT, 'bench', 'sqlite-raw.ts');

const env = process.env;
const LONG = env.HVR_BENCH_LONG === '1';
const ROUNDS = Math.round(numEnv('HVR_BENCH_ROUNDS', LONG ? 7 : 3));
const DURATION_MS = Math.round(numEnv('HVR_BENCH_SECONDS', LONG ? 10 : 2.5) * 1000);
const WARMUP_MS = Math.round(numEnv('HVR_BENCH_WARMUP_SECONDS', LONG ? 2 : 0.75) * 1000);
const CLIENTS = (env.HVR_BENCH_CLIENTS ?? '1,16').split(',').map((c) => {
  const n = Number(c.trim());
  if (!Number.isInteger(n) || n < 1) throw new Error(`HVR_BENCH_CLIENTS: bad client count "${c}"`);
  return n;
});
const PERSISTENT = env.HVR_BENCH_PERSISTENT !== '0';
const CLIENT: 'pool' | 'fetch' = env.HVR_BENCH_CLIENT === 'fetch' ? 'fetch' : 'pool';

/** Keys cycled through by reads (pre-written) and by writes. */
const KEYS = 256;
const ROOT_TOKEN = 'hvr-bench-root';
/** What the issue asks for, as a fraction of the HTTP floor's req/s. */
const AIM = { read: 0.5, write: 0.3 } as const;

type Op = 'read' | 'write';
type Target = 'floor' | 'dev' | 'persistent';
const TARGET_LABEL: Record<Target, string> = {
  floor: 'floor (bare node:http)',
  dev: 'hvr -dev (inmem)',
  persistent: 'hvr sqlite node',
};

async function startDevNode(): Promise<{ server: Server; token: string; mount: string }> {
  const home = tempDir('hvr-bench-dev-');
  const server = await startServer(
    'hvr -dev',
    [
      HVR_BIN,
      'server',
      '-dev',
      '-dev-listen-address=127.0.0.1:0',
      '-dev-no-store-token',
      `-dev-root-token-id=${ROOT_TOKEN}`,
    ],
    'Vault server started!',
    { HOME: home },
  );
  return { server, token: ROOT_TOKEN, mount: 'secret' };
}

async function startPersistentNode(): Promise<{
  server: Server;
  token: string;
  mount: string;
  dbPath: string;
}> {
  const dir = tempDir('hvr-bench-sqlite-');
  const dbPath = join(dir, 'data', 'hvr.sqlite');
  const configPath = join(dir, 'hvr.hcl');
  writeFileSync(
    configPath,
    `storage "sqlite" { path = ${JSON.stringify(dbPath)} }\n` +
      'listener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n',
  );
  const server = await startServer(
    'hvr sqlite node',
    [HVR_BIN, 'server', '-config', configPath],
    'Vault server started!',
    {
      HOME: dir,
    },
  );
  const init = await api(server.origin, 'PUT', 'sys/init', { secret_shares: 1, secret_threshold: 1 });
  const key = (init.keys_base64 as string[] | undefined)?.[0];
  const token = init.root_token as string | undefined;
  if (!key || !token) throw new Error(`sys/init returned no key or token: ${JSON.stringify(init)}`);
  const unseal = await api(server.origin, 'PUT', 'sys/unseal', { key });
  if (unseal.sealed !== false) throw new Error(`still sealed after unseal: ${JSON.stringify(unseal)}`);
  await api(server.origin, 'POST', 'sys/mounts/kv', { type: 'kv', options: { version: '2' } }, token);
  return { server, token, mount: 'kv', dbPath };
}

/** Writes the keys that reads cycle through, and checks one write and one read work. */
async function prepareKv(origin: string, mount: string, token: string): Promise<void> {
  for (let i = 0; i < KEYS; i++) {
    await api(
      origin,
      'PUT',
      `${mount}/data/bench/r${i}`,
      { data: { username: 'bench', password: 'p4ssw0rd-0123456789abcdef', n: i } },
      token,
    );
  }
  const read = await api(origin, 'GET', `${mount}/data/bench/r0`, undefined, token);
  const data = (read.data as { data?: { username?: string } } | undefined)?.data;
  if (data?.username !== 'bench') throw new Error(`unexpected KV read: ${JSON.stringify(read)}`);
}

// ---------------------------------------------------------------- measurement plan

interface RunKey {
  readonly target: Target;
  readonly op: Op;
  readonly clients: number;
}
const keyOf = (k: RunKey): string => `${k.target}:${k.op}:${k.clients}`;

interface Endpoint {
  readonly origin: string;
  readonly token: string;
  readonly mount: string;
}

const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fmtMs = (n: number): string => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-');
const fmtRatio = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '-');
const fmtRange = (values: readonly number[]): string => {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return '';
  return `[${fmtRatio(Math.min(...finite))}-${fmtRatio(Math.max(...finite))}]`;
};
const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

async function main(): Promise<void> {
  const started = Date.now();
  const loadStart = loadavg();
  const perRun = (WARMUP_MS + DURATION_MS) / 1000 + 0.5;
  const runsPerRound = CLIENTS.length * (2 + 2 + (PERSISTENT ? 2 : 0));
  process.stderr.write(
    `hvr bench: ${ROUNDS} rounds x ${runsPerRound} runs of ${WARMUP_MS / 1000}+${DURATION_MS / 1000} s, ` +
      `clients ${CLIENTS.join(',')} (about ${Math.round((ROUNDS * runsPerRound * perRun) / 60 + 0.3)} min; ` +
      `HVR_BENCH_LONG=1 for longer runs)\n`,
  );

  const floor = await startServer('baseline server', ['--import', 'tsx', BASELINE], 'ready');
  const dev = await startDevNode();
  await prepareKv(dev.server.origin, dev.mount, dev.token);
  const persistent = PERSISTENT ? await startPersistentNode() : undefined;
  if (persistent) await prepareKv(persistent.server.origin, persistent.mount, persistent.token);

  const endpoints: Record<Target, Endpoint | undefined> = {
    // The floor gets exactly the requests the dev node gets.
    floor: { origin: floor.origin, token: dev.token, mount: dev.mount },
    dev: { origin: dev.server.origin, token: dev.token, mount: dev.mount },
    persistent: persistent && {
      origin: persistent.server.origin,
      token: persistent.token,
      mount: persistent.mount,
    },
  };

  const runs = new Map<string, LoadResult[]>();
  /** Raw better-sqlite3 runs, keyed by the client count of the persistent-write run they sit next to. */
  const sqliteRuns = new Map<number, SqliteResult[]>();
  const sqliteDir = PERSISTENT ? tempDir('hvr-bench-rawsqlite-') : '';

  const runRawSqlite = async (round: number, clients: number): Promise<void> => {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(sqliteDir, `raw.sqlite${suffix}`), { force: true });
    const config: SqliteConfig = {
      dir: sqliteDir,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      valueBytes: 256,
      keys: KEYS,
    };
    const result = await runJsonChild<SqliteResult>(SQLITE_RAW, config);
    sqliteRuns.set(clients, [...(sqliteRuns.get(clients) ?? []), result]);
    process.stderr.write(
      `  round ${round + 1}/${ROUNDS} write    raw better-sqlite3 ${lpad(fmtInt(result.rate), 7)} tx/s ` +
        ` p50 ${fmtMs(result.p50Ms)} ms  p99 ${fmtMs(result.p99Ms)} ms` +
        `  (journal_mode=${result.journalMode}, synchronous=${result.synchronous})\n`,
    );
  };

  const runLoad = async (round: number, target: Target, op: Op, clients: number): Promise<void> => {
    const endpoint = endpoints[target];
    if (!endpoint) return;
    const config: LoadConfig = {
      origin: endpoint.origin,
      op,
      pathPrefix: `/v1/${endpoint.mount}/data/bench/${op === 'read' ? 'r' : 'w'}`,
      keys: KEYS,
      token: endpoint.token,
      concurrency: clients,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
      client: CLIENT,
    };
    const result = await runJsonChild<LoadResult>(LOAD, config);
    const key = keyOf({ target, op, clients });
    runs.set(key, [...(runs.get(key) ?? []), result]);
    process.stderr.write(
      `  round ${round + 1}/${ROUNDS} ${op} x${pad(String(clients), 3)} ${pad(target, 17)} ${lpad(fmtInt(result.rps), 7)} req/s` +
        `  p50 ${fmtMs(result.p50Ms)} ms  p99 ${fmtMs(result.p99Ms)} ms` +
        (result.errors ? `  ${result.errors} ERRORS (${result.firstError})` : '') +
        '\n',
    );
  };

  for (let round = 0; round < ROUNDS; round++) {
    for (const op of ['read', 'write'] as const) {
      for (const clients of CLIENTS) {
        // Neighbouring runs are compared: floor next to dev, the persistent node next to raw
        // sqlite. The order flips every round so slow drift does not favour one side.
        const steps: (Target | 'raw-sqlite')[] = ['floor', 'dev'];
        if (op === 'write' && persistent) steps.push('persistent', 'raw-sqlite');
        if (round % 2 === 1) steps.reverse();
        for (const step of steps) {
          if (step === 'raw-sqlite') await runRawSqlite(round, clients);
          else await runLoad(round, step, op, clients);
        }
      }
    }
  }

  // ------------------------------------------------------------ summary
  interface Row {
    target: Target;
    op: Op;
    clients: number;
    rps: number;
    p50Ms: number;
    p99Ms: number;
    errors: number;
    /** Per-round ratios to the floor run of the same round (hvr / floor). */
    rpsRatio?: number;
    rpsRatios?: number[];
    p50Ratio?: number;
    p99Ratio?: number;
    /** Persistent writes only: per-round req/s ÷ raw better-sqlite3 tx/s. */
    storageRatio?: number;
    storageRatios?: number[];
    aim?: number;
    meetsAim?: boolean;
  }
  const rows: Row[] = [];
  const perRound = (a: LoadResult[], b: LoadResult[], f: (x: LoadResult) => number): number[] =>
    a.map((x, i) => {
      const y = b[i];
      return y ? f(x) / f(y) : Number.NaN;
    });
  for (const op of ['read', 'write'] as const) {
    for (const clients of CLIENTS) {
      const floorRuns = runs.get(keyOf({ target: 'floor', op, clients })) ?? [];
      for (const target of ['floor', 'dev', 'persistent'] as const) {
        const rs = runs.get(keyOf({ target, op, clients }));
        if (!rs) continue;
        const row: Row = {
          target,
          op,
          clients,
          rps: median(rs.map((r) => r.rps)),
          p50Ms: median(rs.map((r) => r.p50Ms)),
          p99Ms: median(rs.map((r) => r.p99Ms)),
          errors: rs.reduce((s, r) => s + r.errors, 0),
        };
        if (target !== 'floor') {
          row.rpsRatios = perRound(rs, floorRuns, (r) => r.rps);
          row.rpsRatio = median(row.rpsRatios);
          row.p50Ratio = median(perRound(rs, floorRuns, (r) => r.p50Ms));
          row.p99Ratio = median(perRound(rs, floorRuns, (r) => r.p99Ms));
          row.aim = AIM[op];
          row.meetsAim = row.rpsRatio >= row.aim;
        }
        const sqliteNextTo = sqliteRuns.get(clients);
        if (target === 'persistent' && sqliteNextTo) {
          row.storageRatios = rs.map((r, i) => r.rps / (sqliteNextTo[i]?.rate ?? Number.NaN));
          row.storageRatio = median(row.storageRatios);
        }
        rows.push(row);
      }
    }
  }
  const allSqlite = [...sqliteRuns.values()].flat();
  const sqliteRate = median(allSqlite.map((r) => r.rate));
  const sqliteP50 = median(allSqlite.map((r) => r.p50Ms));
  const sqliteP99 = median(allSqlite.map((r) => r.p99Ms));
  const loadEnd = loadavg();

  // ------------------------------------------------------------ report
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `KV v2 over loopback, client (${CLIENT === 'pool' ? 'undici Pool' : 'global fetch'}, keep-alive) in its own ` +
      `process; medians of ${ROUNDS} rounds x ${DURATION_MS / 1000} s (after ${WARMUP_MS / 1000} s warm-up).`,
  );
  lines.push(
    'Ratios are hvr / floor, taken per round between neighbouring runs, then the median [min-max over rounds].',
  );
  lines.push('');
  const header =
    `${pad('scenario', 32)}${lpad('clients', 7)}${lpad('req/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}` +
    `  ${pad('req/s of floor', 22)}${lpad('p50 x floor', 12)}${lpad('p99 x floor', 12)}`;
  lines.push(header);
  lines.push('-'.repeat(header.length));
  for (const row of rows) {
    const what = `${row.op === 'read' ? 'read ' : 'write'} ${TARGET_LABEL[row.target]}`;
    lines.push(
      `${pad(what, 32)}${lpad(String(row.clients), 7)}${lpad(fmtInt(row.rps), 9)}${lpad(fmtMs(row.p50Ms), 9)}` +
        `${lpad(fmtMs(row.p99Ms), 9)}  ` +
        (row.rpsRatio === undefined
          ? ''
          : `${pad(`${fmtRatio(row.rpsRatio)} ${fmtRange(row.rpsRatios ?? [])}`, 22)}` +
            `${lpad(`${fmtRatio(row.p50Ratio ?? Number.NaN)}x`, 12)}${lpad(`${fmtRatio(row.p99Ratio ?? Number.NaN)}x`, 12)}`) +
        (row.errors ? `  ${row.errors} errors!` : ''),
    );
  }
  if (allSqlite.length) {
    lines.push(
      `${pad('raw better-sqlite3 1-row txn', 32)}${lpad('1', 7)}${lpad(fmtInt(sqliteRate), 9)}` +
        `${lpad(fmtMs(sqliteP50), 9)}${lpad(fmtMs(sqliteP99), 9)}  (tx/s; WAL, synchronous=FULL, in-process)`,
    );
  }
  lines.push('');
  lines.push('Aims (hvr -dev req/s as a fraction of the floor):');
  for (const row of rows) {
    if (row.target !== 'dev' || row.rpsRatio === undefined || row.aim === undefined) continue;
    lines.push(
      `  ${row.op}s x${row.clients}: ${fmtRatio(row.rpsRatio)} of floor (aim >= ${row.aim})` +
        `  ${row.meetsAim ? 'ok' : 'BELOW AIM'}`,
    );
  }
  const persistentRows = rows.filter((r) => r.target === 'persistent');
  if (persistentRows.length) {
    lines.push('Persistent node (sqlite, WAL, synchronous=FULL):');
    for (const row of persistentRows) {
      lines.push(
        `  writes x${row.clients}: ${fmtRatio(row.storageRatio ?? Number.NaN)} of raw better-sqlite3 inserts ` +
          `${fmtRange(row.storageRatios ?? [])} (${fmtInt(row.rps)} req/s vs ${fmtInt(median((sqliteRuns.get(row.clients) ?? []).map((r) => r.rate)))} tx/s); ` +
          `${fmtRatio(row.rpsRatio ?? Number.NaN)} of HTTP floor`,
      );
    }
  }
  lines.push('');
  if (CLIENT === 'pool') {
    lines.push(
      'Note: with undici Pool the floor at 16 clients is bound by the load client, not the bare server, so x16',
    );
    lines.push(
      'ratios compare hvr with the client ceiling; the write floor is the same PUT answered without work.',
    );
  }
  lines.push(
    `load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} -> ${loadEnd.map((l) => l.toFixed(2)).join(' ')}` +
      ` on ${cpus().length} cpus; took ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const outPath = join(RESULTS_DIR, 'latest.json');
  writeFileSync(
    outPath,
    `${JSON.stringify(
      {
        date: new Date(started).toISOString(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        loadavg: { start: loadStart, end: loadEnd },
        config: {
          rounds: ROUNDS,
          durationMs: DURATION_MS,
          warmupMs: WARMUP_MS,
          clients: CLIENTS,
          keys: KEYS,
          persistent: PERSISTENT,
          client: CLIENT,
        },
        aims: AIM,
        summary: {
          rows,
          rawSqlite: allSqlite.length ? { rate: sqliteRate, p50Ms: sqliteP50, p99Ms: sqliteP99 } : null,
        },
        rounds: { http: Object.fromEntries(runs), rawSqliteByClients: Object.fromEntries(sqliteRuns) },
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`wrote ${outPath}\n`);

  if (rows.some((r) => r.errors > 0)) {
    process.stderr.write('some requests failed; the figures above are not trustworthy\n');
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    if (interrupted) return; // a child killed by the signal handler; not worth a stack trace
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => cleanup());
