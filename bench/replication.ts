/**
 * `npm run bench:replication`: DR replication with one DR secondary attached over mTLS on
 * loopback. Three `hvr server` processes on persistent SQLite storage (WAL, synchronous=FULL),
 * each initialised and unsealed through the API, KV v2 at secret/:
 *   - P, the DR primary; its cluster port is reached through a byte-counting TCP proxy in
 *     this process (DR is enabled with primary_cluster_addr = the proxy, so the activation
 *     token points the secondary at it);
 *   - S, its DR secondary;
 *   - N, a plain node with the same configuration and replication never enabled.
 * Load runs in child processes (bench/load.ts, bench/replication-load.ts). Reports:
 *   (a) KV v2 write throughput on P with S attached, as a ratio to N, interleaved rounds
 *       (P, N, N, P, ...), ratio per round between neighbouring runs, then the median;
 *       after each P run the time S took to catch up is recorded too;
 *   (b) replication lag, write acked on P -> visible on S, at a steady open-loop rate
 *       (method in bench/replication-load.ts and in the printed report);
 *   (c) merkle-sync catch-up: S stopped (SIGTERM), P restarted with
 *       replication { logshipper_buffer_length = 1000 }, N keys written on P, S started again
 *       and unsealed with P's unseal key; time until the merkle roots match, and bytes P sent
 *       through the proxy as a ratio to the size of the data that differed.
 * Results also go to bench/results/latest-replication.json.
 *
 * Environment (defaults keep the run near 3-4 minutes on 2 cores):
 *   HVR_BENCH_LONG=1              7 rounds of 10 s for (a), 10 s lag rounds, 100,000 sync keys
 *   HVR_BENCH_ROUNDS=3            rounds for (a) and (b)
 *   HVR_BENCH_SECONDS=2.5         measured seconds per (a) run
 *   HVR_BENCH_WARMUP_SECONDS=0.75 warm-up seconds per run (not measured)
 *   HVR_BENCH_CLIENTS=1,16        concurrent clients for (a)
 *   HVR_BENCH_LAG_RATE=500        writes/s for (b)
 *   HVR_BENCH_LAG_SECONDS=5       measured seconds per (b) round
 *   HVR_BENCH_POLL_MS=2           secondary dr/status poll interval for (b)
 *   HVR_BENCH_LAG_INDEX=sqlite    where (b) reads the primary's last WAL index after each ack:
 *                                 its SQLite file (default) or 'status' (its dr/status API)
 *   HVR_BENCH_SYNC_KEYS=20000     keys written while the secondary is down, for (c)
 *   HVR_BENCH_SYNC_CONCURRENCY=16 writers filling those keys
 *   HVR_BENCH_PARTS=a,b,c         which parts to run
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import {
  api,
  cleanup,
  fmtBytes,
  fmtInt,
  fmtMs,
  fmtRange,
  fmtRatio,
  freePort,
  HVR_BIN,
  interrupted,
  lpad,
  numEnv,
  type ProcStats,
  pad,
  procStats,
  RESULTS_DIR,
  ROOT,
  runJsonChild,
  type Server,
  sleep,
  startServer,
  tempDir,
} from './harness.js';
import type { LoadConfig, LoadResult } from './load.js';
import type { FillConfig, FillResult, LagConfig, LagResult } from './replication-load.js';
import { median } from './stats.js';

const LOAD = join(ROOT, 'bench', 'load.ts');
const REPL_LOAD = join(ROOT, 'bench', 'replication-load.ts');

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
const LAG_RATE = numEnv('HVR_BENCH_LAG_RATE', 500);
const LAG_MS = Math.round(numEnv('HVR_BENCH_LAG_SECONDS', LONG ? 10 : 5) * 1000);
const POLL_MS = numEnv('HVR_BENCH_POLL_MS', 2);
const LAG_INDEX: 'sqlite' | 'status' = env.HVR_BENCH_LAG_INDEX === 'status' ? 'status' : 'sqlite';
const SYNC_KEYS = Math.round(numEnv('HVR_BENCH_SYNC_KEYS', LONG ? 100_000 : 20_000));
const SYNC_CONCURRENCY = Math.round(numEnv('HVR_BENCH_SYNC_CONCURRENCY', 16));
const SYNC_BUFFER = 1000;
const SYNC_VALUE_BYTES = 100;
const PARTS = new Set((env.HVR_BENCH_PARTS ?? 'a,b,c').split(',').map((p) => p.trim()));

/** Keys cycled through by (a)'s writes, as in bench/kv-http.ts. */
const KEYS = 256;
/** What the DR issue asks for. */
const AIM = { writeRatio: 0.9, lagP99Ms: 20 } as const;
/** (b): an ack p99 above this means writes queued on the primary (it could not sustain the rate). */
const SATURATED_ACK_P99_MS = 250;
const STATUS = 'sys/replication/dr/status';

// ---------------------------------------------------------------- nodes

interface Node {
  readonly name: string;
  readonly dir: string;
  readonly configPath: string;
  readonly dbPath: string;
  readonly apiPort: number;
  readonly clusterPort: number;
  server: Server | undefined;
  token: string;
  unsealKey: string;
}

async function makeNode(name: string): Promise<Node> {
  const dir = tempDir(`hvr-bench-repl-${name}-`);
  const node: Node = {
    name,
    dir,
    configPath: join(dir, 'hvr.hcl'),
    dbPath: join(dir, 'data', 'hvr.sqlite'),
    apiPort: await freePort(),
    clusterPort: await freePort(),
    server: undefined,
    token: '',
    unsealKey: '',
  };
  writeConfig(node);
  return node;
}

/** The persistent-node config of test/helpers/persistent-node.ts, optionally with a WAL buffer length. */
function writeConfig(node: Node, bufferLength?: number): void {
  writeFileSync(
    node.configPath,
    `storage "sqlite" {\n  path = ${JSON.stringify(node.dbPath)}\n}\n` +
      `listener "tcp" {\n  address = "127.0.0.1:${node.apiPort}"\n  tls_disable = true\n}\n` +
      `cluster_addr = "https://127.0.0.1:${node.clusterPort}"\n` +
      (bufferLength ? `replication {\n  logshipper_buffer_length = ${bufferLength}\n}\n` : ''),
  );
}

const originOf = (node: Node): string => {
  if (!node.server) throw new Error(`${node.name} is not running`);
  return node.server.origin;
};

async function startNode(node: Node): Promise<void> {
  node.server = await startServer(
    `hvr ${node.name}`,
    [HVR_BIN, 'server', '-config', node.configPath],
    'Vault server started!',
    { HOME: node.dir },
  );
}

async function stopNode(node: Node): Promise<void> {
  await node.server?.stop('SIGTERM');
  node.server = undefined;
}

async function unseal(node: Node, key: string): Promise<void> {
  const res = await api(originOf(node), 'PUT', 'sys/unseal', { key });
  if (res.sealed !== false) throw new Error(`${node.name} still sealed after unseal: ${JSON.stringify(res)}`);
}

async function initNode(node: Node): Promise<void> {
  const init = await api(originOf(node), 'PUT', 'sys/init', { secret_shares: 1, secret_threshold: 1 });
  const key = (init.keys_base64 as string[] | undefined)?.[0];
  const token = init.root_token as string | undefined;
  if (!key || !token) throw new Error(`sys/init returned no key or token: ${JSON.stringify(init)}`);
  node.unsealKey = key;
  node.token = token;
  await unseal(node, key);
}

async function drStatus(node: Node): Promise<Record<string, unknown>> {
  return ((await api(originOf(node), 'GET', STATUS)).data ?? {}) as Record<string, unknown>;
}

/** As Vault's WaitForMatchingMerkleRoots: the secondary streams, roots agree, WAL cursors agree. */
async function caughtUp(
  primary: Node,
  secondary: Node,
): Promise<{ ok: boolean; p: Record<string, unknown>; s: Record<string, unknown> }> {
  const [p, s] = await Promise.all([drStatus(primary), drStatus(secondary)]);
  const ok =
    s.state === 'stream-wals' &&
    typeof p.merkle_root === 'string' &&
    p.merkle_root === s.merkle_root &&
    p.last_wal === s.last_remote_wal;
  return { ok, p, s };
}

async function waitCaughtUp(primary: Node, secondary: Node, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if ((await caughtUp(primary, secondary)).ok) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      const { p, s } = await caughtUp(primary, secondary);
      throw new Error(
        `secondary did not catch up within ${timeoutMs} ms: primary last_wal=${p.last_wal} root=${p.merkle_root}; ` +
          `secondary state=${s.state} last_remote_wal=${s.last_remote_wal} root=${s.merkle_root}`,
      );
    }
    await sleep(10);
  }
}

// ---------------------------------------------------------------- byte-counting proxy

interface ByteProxy {
  readonly port: number;
  /** Bytes the primary sent (towards the secondary) and received, since start. */
  readonly bytes: { fromPrimary: number; toPrimary: number; connections: number };
  close(): Promise<void>;
}

/** Plain TCP relay to the primary's cluster port; TLS passes through untouched, so bytes are wire bytes. */
function startProxy(targetPort: number): Promise<ByteProxy> {
  const bytes = { fromPrimary: 0, toPrimary: 0, connections: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    bytes.connections++;
    client.setNoDelay(true);
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort, noDelay: true });
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk: Buffer) => {
      bytes.toPrimary += chunk.length;
    });
    upstream.on('data', (chunk: Buffer) => {
      bytes.fromPrimary += chunk.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({
        port,
        bytes,
        close: () =>
          new Promise<void>((closed) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => closed());
          }),
      });
    });
  });
}

// ---------------------------------------------------------------- differing data, from the SQLite files

/** Node-class keys (src/core/storage-keys.ts, wal-record.ts): never replicated, so never differ "for sync". */
const NODE_PREFIXES = [
  'core/seal-config',
  'core/root-key',
  'core/cluster/local/info',
  'core/replication/',
  'core/generate-root/',
];
const isNodeKey = (key: string): boolean => NODE_PREFIXES.some((p) => key.startsWith(p));

interface DiffSize {
  /** Entries present on the primary and missing or different on the secondary, and the reverse. */
  readonly entries: number;
  /** Sum of key bytes + stored (encrypted) value bytes of the primary's version of those entries. */
  readonly bytes: number;
  readonly primaryEntries: number;
}

/** Merge-joins the two `entries` tables in key order (SQLite BINARY collation = byte order for ASCII keys). */
function diffStoredEntries(primaryDb: string, secondaryDb: string): DiffSize {
  const p = new Database(primaryDb, { readonly: true, fileMustExist: true });
  const s = new Database(secondaryDb, { readonly: true, fileMustExist: true });
  try {
    const query = 'SELECT key, value FROM entries ORDER BY key';
    const pi = p.prepare<[], { key: string; value: Buffer }>(query).iterate();
    const si = s.prepare<[], { key: string; value: Buffer }>(query).iterate();
    const next = (it: Iterator<{ key: string; value: Buffer }>) => {
      for (;;) {
        const r = it.next();
        if (r.done) return undefined;
        if (!isNodeKey(r.value.key)) return r.value;
      }
    };
    let a = next(pi);
    let b = next(si);
    let entries = 0;
    let bytes = 0;
    let primaryEntries = 0;
    while (a || b) {
      if (a && (!b || a.key < b.key)) {
        entries++;
        primaryEntries++;
        bytes += Buffer.byteLength(a.key) + a.value.length;
        a = next(pi);
      } else if (b && (!a || b.key < a.key)) {
        entries++; // only on the secondary: a delete to sync
        bytes += Buffer.byteLength(b.key);
        b = next(si);
      } else if (a && b) {
        primaryEntries++;
        if (!a.value.equals(b.value)) {
          entries++;
          bytes += Buffer.byteLength(a.key) + a.value.length;
        }
        a = next(pi);
        b = next(si);
      }
    }
    return { entries, bytes, primaryEntries };
  } finally {
    p.close();
    s.close();
  }
}

const fileSize = (path: string): number => {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(`${path}${suffix}`).size;
    } catch {
      // no such file
    }
  }
  return total;
};

// ---------------------------------------------------------------- main

interface SyncResult {
  keys: number;
  fill: FillResult;
  secondaryStartMs: number;
  unsealToMatchMs: number;
  phases: Record<string, number>;
  syncTotalKeys: number;
  diff: DiffSize;
  primaryFileGrowth: number;
  bytesFromPrimary: number;
  bytesToPrimary: number;
  connections: number;
  bytesRatio: number;
  keysPerSecond: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadStart = loadavg();
  process.stderr.write(
    `hvr replication bench: parts ${[...PARTS].join(',')}; (a) ${ROUNDS} rounds x ${CLIENTS.length * 2} runs of ` +
      `${WARMUP_MS / 1000}+${DURATION_MS / 1000} s; (b) ${ROUNDS} x ${LAG_MS / 1000} s at ${LAG_RATE} writes/s; ` +
      `(c) ${fmtInt(SYNC_KEYS)} keys (HVR_BENCH_LONG=1 or HVR_BENCH_SYNC_KEYS for more)\n`,
  );

  // ---- setup
  const [primary, secondary, plain] = await Promise.all([
    makeNode('primary'),
    makeNode('secondary'),
    makeNode('plain'),
  ]);
  await Promise.all([startNode(primary), startNode(secondary), startNode(plain)]);
  await Promise.all([initNode(primary), initNode(secondary), initNode(plain)]);
  for (const node of [primary, plain]) {
    await api(
      originOf(node),
      'POST',
      'sys/mounts/secret',
      { type: 'kv', options: { version: '2' } },
      node.token,
    );
  }
  const proxy = await startProxy(primary.clusterPort);
  await api(
    originOf(primary),
    'PUT',
    'sys/replication/dr/primary/enable',
    { primary_cluster_addr: `https://127.0.0.1:${proxy.port}` },
    primary.token,
  );
  const tokenRes = await api(
    originOf(primary),
    'PUT',
    'sys/replication/dr/primary/secondary-token',
    { id: 'dr1' },
    primary.token,
  );
  const activation = (tokenRes.wrap_info as { token?: string } | undefined)?.token;
  if (!activation) throw new Error(`secondary-token returned no token: ${JSON.stringify(tokenRes)}`);
  await api(
    originOf(secondary),
    'PUT',
    'sys/replication/dr/secondary/enable',
    { token: activation },
    secondary.token,
  );
  // From here on the secondary holds the primary's keys and data: the primary's token and unseal key work there.
  secondary.token = primary.token;
  await waitCaughtUp(primary, secondary, 60_000);
  const setupStatus = await drStatus(secondary);
  process.stderr.write(
    `  secondary streaming via proxy ${setupStatus.primary_cluster_addr} (primary cluster port ${primary.clusterPort})\n`,
  );

  // ---- (a) write throughput, replicated primary vs plain node
  type Target = 'replicated' | 'plain';
  const runsA = new Map<string, LoadResult[]>();
  const drainMs: number[] = [];
  const key = (t: Target, c: number) => `${t}:${c}`;
  /** Per run: CPU ms and bytes written per KV write of each server process involved. */
  interface Cost {
    cpuMs: Record<string, number>;
    bytes: Record<string, number>;
  }
  const costs = new Map<string, Cost[]>();
  const pidOf = (node: Node): number => node.server?.pid ?? 0;
  if (PARTS.has('a')) {
    process.stderr.write('(a) write throughput\n');
    for (let round = 0; round < ROUNDS; round++) {
      for (const clients of CLIENTS) {
        const order: Target[] = round % 2 === 0 ? ['replicated', 'plain'] : ['plain', 'replicated'];
        for (const target of order) {
          const node = target === 'replicated' ? primary : plain;
          const config: LoadConfig = {
            origin: originOf(node),
            op: 'write',
            pathPrefix: '/v1/secret/data/bench/w',
            keys: KEYS,
            token: node.token,
            concurrency: clients,
            warmupMs: WARMUP_MS,
            durationMs: DURATION_MS,
            client: 'pool',
          };
          const involved: [string, Node][] =
            target === 'replicated'
              ? [
                  ['primary', primary],
                  ['secondary', secondary],
                ]
              : [['plain', plain]];
          const before = involved.map(([, n]) => procStats(pidOf(n)));
          const result = await runJsonChild<LoadResult>(LOAD, config);
          runsA.set(key(target, clients), [...(runsA.get(key(target, clients)) ?? []), result]);
          let drain = '';
          if (target === 'replicated') {
            // The secondary must be level before the next run, or its backlog would load the plain run.
            const ms = await waitCaughtUp(primary, secondary, 60_000);
            drainMs.push(ms);
            drain = `  secondary level ${fmtMs(ms)} ms after the run`;
          }
          // Writes over the whole run, warm-up included (the load child counts only the window).
          const writes = result.requests * ((WARMUP_MS + DURATION_MS) / DURATION_MS);
          const cost: Cost = { cpuMs: {}, bytes: {} };
          involved.forEach(([role, n], i) => {
            const after = procStats(pidOf(n));
            const was = before[i] as ProcStats;
            cost.cpuMs[role] = (after.cpuMs - was.cpuMs) / writes;
            cost.bytes[role] = (after.wchar - was.wchar) / writes;
          });
          costs.set(key(target, clients), [...(costs.get(key(target, clients)) ?? []), cost]);
          process.stderr.write(
            `  round ${round + 1}/${ROUNDS} write x${pad(String(clients), 3)} ${pad(target, 11)} ${lpad(fmtInt(result.rps), 7)} req/s` +
              `  p50 ${fmtMs(result.p50Ms)} ms  p99 ${fmtMs(result.p99Ms)} ms${drain}` +
              (result.errors ? `  ${result.errors} ERRORS (${result.firstError})` : '') +
              '\n',
          );
        }
      }
    }
  }

  // ---- (b) replication lag at a steady rate
  const runsB: LagResult[] = [];
  if (PARTS.has('b')) {
    process.stderr.write(`(b) replication lag at ${LAG_RATE} writes/s\n`);
    for (let round = 0; round < ROUNDS; round++) {
      await waitCaughtUp(primary, secondary, 60_000);
      const config: LagConfig = {
        mode: 'lag',
        primary: originOf(primary),
        secondary: originOf(secondary),
        token: primary.token,
        pathPrefix: '/v1/secret/data/lag/k',
        keys: KEYS,
        rate: LAG_RATE,
        warmupMs: WARMUP_MS,
        durationMs: LAG_MS,
        pollIntervalMs: POLL_MS,
        indexFrom: LAG_INDEX,
        primaryDb: primary.dbPath,
        drainTimeoutMs: 10_000,
      };
      const r = await runJsonChild<LagResult>(REPL_LOAD, config);
      runsB.push(r);
      process.stderr.write(
        `  round ${round + 1}/${ROUNDS} ${fmtInt(r.achievedRate)} writes/s  ack p50 ${fmtMs(r.ackP50Ms)} p99 ${fmtMs(r.ackP99Ms)} ms` +
          `  lag p50 ${fmtMs(r.lagP50Ms)} p99 ${fmtMs(r.lagP99Ms)} max ${fmtMs(r.lagMaxMs)} ms` +
          `  (poll every ${fmtMs(r.pollPeriodP50Ms)} ms, ${r.unseen} unseen)` +
          (r.errors ? `  ${r.errors} ERRORS (${r.firstError})` : '') +
          '\n',
      );
    }
  }

  // ---- (c) merkle-sync catch-up
  let sync: SyncResult | undefined;
  if (PARTS.has('c')) {
    process.stderr.write(`(c) merkle-sync catch-up of ${fmtInt(SYNC_KEYS)} keys\n`);
    await waitCaughtUp(primary, secondary, 60_000);
    await stopNode(secondary);
    // A small WAL buffer, so the secondary falls behind it and must reconcile by merkle diff.
    writeConfig(primary, SYNC_BUFFER);
    await stopNode(primary);
    await startNode(primary);
    await unseal(primary, primary.unsealKey);
    process.stderr.write(
      `  secondary stopped; primary restarted with logshipper_buffer_length = ${SYNC_BUFFER}\n`,
    );

    const sizeBefore = fileSize(primary.dbPath);
    const fillConfig: FillConfig = {
      mode: 'fill',
      origin: originOf(primary),
      token: primary.token,
      pathPrefix: '/v1/secret/data/sync/k',
      count: SYNC_KEYS,
      concurrency: SYNC_CONCURRENCY,
      valueBytes: SYNC_VALUE_BYTES,
    };
    const fill = await runJsonChild<FillResult>(REPL_LOAD, fillConfig);
    if (fill.errors) throw new Error(`filling failed: ${fill.errors} errors (${fill.firstError})`);
    const primaryFileGrowth = fileSize(primary.dbPath) - sizeBefore;
    process.stderr.write(
      `  wrote ${fmtInt(fill.written)} keys in ${(fill.elapsedMs / 1000).toFixed(1)} s (${fmtInt(fill.rate)} keys/s) with ${SYNC_CONCURRENCY} writers\n`,
    );
    const diff = diffStoredEntries(primary.dbPath, secondary.dbPath);

    const bytes0 = { ...proxy.bytes };
    const t0 = performance.now();
    await startNode(secondary);
    const secondaryStartMs = performance.now() - t0;
    const tUnseal = performance.now();
    await unseal(secondary, primary.unsealKey); // a DR secondary restarts sealed; it takes the primary's key
    const phases: Record<string, number> = {};
    let syncTotalKeys = 0;
    const timeoutMs = Math.max(120_000, SYNC_KEYS * 10);
    for (;;) {
      const { ok, s } = await caughtUp(primary, secondary);
      const state = String(s.state);
      phases[state] ??= performance.now() - tUnseal;
      const progress = s.merkle_sync_progress as { sync_total_keys?: number } | undefined;
      if (progress?.sync_total_keys) syncTotalKeys = Math.max(syncTotalKeys, progress.sync_total_keys);
      if (ok) break;
      if (performance.now() - tUnseal > timeoutMs)
        throw new Error(`no merkle match within ${timeoutMs} ms (state ${state})`);
      await sleep(20);
    }
    const unsealToMatchMs = performance.now() - tUnseal;
    const bytesFromPrimary = proxy.bytes.fromPrimary - bytes0.fromPrimary;
    sync = {
      keys: SYNC_KEYS,
      fill,
      secondaryStartMs,
      unsealToMatchMs,
      phases,
      syncTotalKeys,
      diff,
      primaryFileGrowth,
      bytesFromPrimary,
      bytesToPrimary: proxy.bytes.toPrimary - bytes0.toPrimary,
      connections: proxy.bytes.connections - bytes0.connections,
      bytesRatio: bytesFromPrimary / diff.bytes,
      keysPerSecond: SYNC_KEYS / (unsealToMatchMs / 1000),
    };
    process.stderr.write(
      `  secondary up in ${fmtMs(secondaryStartMs)} ms; unseal -> merkle roots match ${(unsealToMatchMs / 1000).toFixed(2)} s; ` +
        `${fmtBytes(bytesFromPrimary)} from the primary\n`,
    );
  }
  await proxy.close();
  const loadEnd = loadavg();

  // ---------------------------------------------------------------- report
  const lines: string[] = [''];
  lines.push(
    'DR replication: one DR secondary over mTLS on loopback, three hvr server processes on SQLite (WAL, synchronous=FULL),',
  );
  lines.push(
    "KV v2 at secret/; the secondary reaches the primary's cluster port through a byte-counting TCP proxy in the orchestrator.",
  );

  interface RowA {
    clients: number;
    replicated: { rps: number; p50Ms: number; p99Ms: number; errors: number };
    plain: { rps: number; p50Ms: number; p99Ms: number; errors: number };
    ratios: number[];
    ratio: number;
    meetsAim: boolean;
  }
  const rowsA: RowA[] = [];
  if (PARTS.has('a')) {
    const summary = (rs: LoadResult[]) => ({
      rps: median(rs.map((r) => r.rps)),
      p50Ms: median(rs.map((r) => r.p50Ms)),
      p99Ms: median(rs.map((r) => r.p99Ms)),
      errors: rs.reduce((s, r) => s + r.errors, 0),
    });
    for (const clients of CLIENTS) {
      const rep = runsA.get(key('replicated', clients)) ?? [];
      const pl = runsA.get(key('plain', clients)) ?? [];
      const ratios = rep.map((r, i) => r.rps / (pl[i]?.rps ?? Number.NaN));
      const ratio = median(ratios);
      rowsA.push({
        clients,
        replicated: summary(rep),
        plain: summary(pl),
        ratios,
        ratio,
        meetsAim: ratio >= AIM.writeRatio,
      });
    }
    lines.push('');
    lines.push(
      `(a) KV v2 write throughput, DR primary with the secondary attached vs a plain node (replication disabled);`,
    );
    lines.push(
      `    medians of ${ROUNDS} interleaved rounds x ${DURATION_MS / 1000} s (after ${WARMUP_MS / 1000} s warm-up), undici Pool client in its own process.`,
    );
    const header = `    ${pad('clients', 9)}${lpad('plain req/s', 12)}${lpad('DR req/s', 10)}${lpad('p50 ms', 14)}${lpad('p99 ms', 14)}  ${pad('ratio [range]', 18)}aim >= ${AIM.writeRatio}`;
    lines.push(header);
    lines.push(`    ${'-'.repeat(header.length - 4)}`);
    for (const row of rowsA) {
      lines.push(
        `    ${pad(String(row.clients), 9)}${lpad(fmtInt(row.plain.rps), 12)}${lpad(fmtInt(row.replicated.rps), 10)}` +
          `${lpad(`${fmtMs(row.plain.p50Ms)}/${fmtMs(row.replicated.p50Ms)}`, 14)}${lpad(`${fmtMs(row.plain.p99Ms)}/${fmtMs(row.replicated.p99Ms)}`, 14)}  ` +
          `${pad(`${fmtRatio(row.ratio)} ${fmtRange(row.ratios)}`, 18)}${row.meetsAim ? 'ok' : 'BELOW AIM'}` +
          (row.replicated.errors + row.plain.errors
            ? `  ${row.replicated.errors + row.plain.errors} errors!`
            : ''),
      );
    }
    lines.push('    (p50/p99 columns: plain/DR)');
    const costOf = (t: Target, c: number, what: 'cpuMs' | 'bytes', role: string): number =>
      median((costs.get(key(t, c)) ?? []).map((x) => x[what][role] ?? Number.NaN));
    lines.push(
      '    Cost per KV write, medians over runs (CPU ms from /proc/<pid>/stat; bytes = write() bytes, /proc/<pid>/io wchar):',
    );
    const costHeader = `    ${pad('clients', 9)}${lpad('plain CPU', 11)}${lpad('DR pri CPU', 12)}${lpad('DR sec CPU', 12)}${lpad('plain bytes', 13)}${lpad('DR pri bytes', 14)}${lpad('DR sec bytes', 14)}`;
    lines.push(costHeader);
    for (const clients of CLIENTS) {
      lines.push(
        `    ${pad(String(clients), 9)}${lpad(fmtMs(costOf('plain', clients, 'cpuMs', 'plain')), 11)}` +
          `${lpad(fmtMs(costOf('replicated', clients, 'cpuMs', 'primary')), 12)}${lpad(fmtMs(costOf('replicated', clients, 'cpuMs', 'secondary')), 12)}` +
          `${lpad(fmtInt(costOf('plain', clients, 'bytes', 'plain')), 13)}${lpad(fmtInt(costOf('replicated', clients, 'bytes', 'primary')), 14)}` +
          `${lpad(fmtInt(costOf('replicated', clients, 'bytes', 'secondary')), 14)}`,
      );
    }
    lines.push(
      `    secondary level again ${fmtMs(median(drainMs))} ms (median; max ${fmtMs(Math.max(...drainMs))} ms) after each DR run ended.`,
    );
  }

  if (PARTS.has('b') && runsB.length) {
    const m = (f: (r: LagResult) => number) => median(runsB.map(f));
    lines.push('');
    lines.push(
      `(b) replication lag, write acked on the primary -> visible on the secondary, ${LAG_RATE} writes/s open-loop; medians of ${runsB.length} rounds x ${LAG_MS / 1000} s`,
    );
    const header = `    ${pad('', 10)}${lpad('writes/s', 9)}${lpad('ack p50', 9)}${lpad('ack p99', 9)}${lpad('lag p50', 9)}${lpad('lag p99', 9)}${lpad('lag max', 9)}  aim p99 < ${AIM.lagP99Ms} ms`;
    lines.push(header);
    lines.push(`    ${'-'.repeat(header.length - 4)}`);
    runsB.forEach((r, i) => {
      lines.push(
        `    ${pad(`round ${i + 1}`, 10)}${lpad(fmtInt(r.achievedRate), 9)}${lpad(fmtMs(r.ackP50Ms), 9)}${lpad(fmtMs(r.ackP99Ms), 9)}` +
          `${lpad(fmtMs(r.lagP50Ms), 9)}${lpad(fmtMs(r.lagP99Ms), 9)}${lpad(fmtMs(r.lagMaxMs), 9)}`,
      );
    });
    const p99 = m((r) => r.lagP99Ms);
    lines.push(
      `    ${pad('median', 10)}${lpad(fmtInt(m((r) => r.achievedRate)), 9)}${lpad(fmtMs(m((r) => r.ackP50Ms)), 9)}${lpad(fmtMs(m((r) => r.ackP99Ms)), 9)}` +
        `${lpad(fmtMs(m((r) => r.lagP50Ms)), 9)}${lpad(fmtMs(p99), 9)}${lpad(fmtMs(m((r) => r.lagMaxMs)), 9)}  ${p99 < AIM.lagP99Ms ? 'ok' : 'ABOVE AIM'}`,
    );
    lines.push('    (all in ms; ack = scheduled send -> response, so queueing behind a slow server counts)');
    const indexText =
      LAG_INDEX === 'sqlite'
        ? "reads the primary's committed last WAL index from its SQLite file (wal-state row, read-only connection)"
        : "reads the primary's dr/status last_wal (one more request on the primary per write)";
    const method = [
      `Method: the load process sends writes on a fixed schedule; right after each ack it ${indexText}`,
      `and takes it as the write's WAL index: an upper bound (the ack follows the commit; ~${fmtRatio(m((r) => r.walPerWrite))} WAL records per write,`,
      `median ${fmtInt(m((r) => r.inFlightP50))} write(s) in flight at an ack; index read ${fmtMs(m((r) => r.indexReadP50Ms))} ms after the ack, p99 ${fmtMs(m((r) => r.indexReadP99Ms))} ms).`,
      `A second task polls the secondary's dr/status every ~${fmtMs(m((r) => r.pollPeriodP50Ms))} ms (p99 gap ${fmtMs(m((r) => r.pollPeriodP99Ms))} ms, round trip ${fmtMs(m((r) => r.pollRttP50Ms))} ms);`,
      'a write is visible at the end of the first poll whose last_remote_wal reached its index; lag = that time - ack time,',
      'on one clock. So lags are upper bounds, by up to one poll gap plus what committed between the ack and the index read.',
      `${runsB.reduce((s, r) => s + r.visibleBeforeAck, 0)} writes were visible before their ack (counted as 0), ${runsB.reduce((s, r) => s + r.unseen, 0)} never seen, ` +
        `${runsB.reduce((s, r) => s + r.errors, 0)} errors. The secondary's path to the primary includes the proxy hop.`,
    ];
    for (const line of method) lines.push(`    ${line}`);
    const saturated = runsB.filter((r) => r.ackP99Ms > SATURATED_ACK_P99_MS).length;
    if (saturated > 0) {
      lines.push(
        `    WARNING: the primary did not keep up with ${LAG_RATE} writes/s in ${saturated} of ${runsB.length} rounds (ack p99 > ${SATURATED_ACK_P99_MS} ms):`,
      );
      lines.push(
        "    writes queued on the primary, and the lag then measures a saturated system; compare (a)'s DR req/s with the rate.",
      );
    }
  }

  if (sync) {
    lines.push('');
    lines.push(
      `(c) merkle-sync catch-up: secondary stopped (SIGTERM), primary restarted with logshipper_buffer_length = ${SYNC_BUFFER},`,
    );
    lines.push(
      `    ${fmtInt(sync.keys)} new KV v2 keys written (${SYNC_VALUE_BYTES}-byte values, ${SYNC_CONCURRENCY} writers: ${fmtInt(sync.fill.rate)} keys/s), secondary started and unsealed with the primary's key.`,
    );
    const phaseText = Object.entries(sync.phases)
      .map(([state, ms]) => `${state} @${(ms / 1000).toFixed(2)} s`)
      .join(', ');
    lines.push(
      `    keys written while down          ${fmtInt(sync.keys)}${sync.keys === 100_000 ? '' : '  (100,000 with HVR_BENCH_SYNC_KEYS=100000 or HVR_BENCH_LONG=1)'}`,
    );
    lines.push(`    secondary process start -> ready ${fmtMs(sync.secondaryStartMs)} ms (sealed)`);
    lines.push(
      `    unseal -> merkle roots match     ${(sync.unsealToMatchMs / 1000).toFixed(2)} s  (${fmtInt(sync.keysPerSecond)} written keys/s; states seen: ${phaseText})`,
    );
    lines.push(
      `    storage entries synced           ${fmtInt(sync.syncTotalKeys)} (sync_total_keys); ${fmtInt(sync.diff.entries)} entries differed between the SQLite files`,
    );
    lines.push(
      `    differing data                   ${fmtBytes(sync.diff.bytes)}  = sum of key + stored (encrypted) value bytes of the entries that differ`,
    );
    lines.push(
      `                                     between the two SQLite files when the secondary restarted (node-local keys excluded);`,
    );
    lines.push(
      `                                     for reference: logical payload written ${fmtBytes(sync.fill.payloadBytes)}, primary file growth ${fmtBytes(sync.primaryFileGrowth)} (incl. WAL records)`,
    );
    lines.push(
      `    bytes sent by the primary        ${fmtBytes(sync.bytesFromPrimary)}  (TLS wire bytes through the proxy, ${sync.connections} connection(s); ${fmtBytes(sync.bytesToPrimary)} back)`,
    );
    lines.push(`    sent / differing data            ${fmtRatio(sync.bytesRatio)}x`);
  }
  lines.push('');
  lines.push(
    `load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} -> ${loadEnd.map((l) => l.toFixed(2)).join(' ')}` +
      ` on ${cpus().length} cpus; took ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const outPath = join(RESULTS_DIR, 'latest-replication.json');
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
          lagRate: LAG_RATE,
          lagMs: LAG_MS,
          pollMs: POLL_MS,
          lagIndexFrom: LAG_INDEX,
          syncKeys: SYNC_KEYS,
          syncConcurrency: SYNC_CONCURRENCY,
          syncBuffer: SYNC_BUFFER,
          parts: [...PARTS],
        },
        aims: AIM,
        summary: { throughput: rowsA, drainMs, lag: runsB, sync },
        rounds: { throughput: Object.fromEntries(runsA), costPerWrite: Object.fromEntries(costs) },
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`wrote ${outPath}\n`);
  const errors =
    [...runsA.values()].flat().reduce((s, r) => s + r.errors, 0) + runsB.reduce((s, r) => s + r.errors, 0);
  if (errors > 0) {
    process.stderr.write('some requests failed; the figures above are not trustworthy\n');
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    if (interrupted) return;
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => cleanup());
