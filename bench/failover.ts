/**
 * `npm run bench:failover`: the DR failover drill of test/integration/dr-failover.test.ts, timed,
 * against real `hvr server` processes on persistent SQLite storage (WAL, synchronous=FULL), each
 * initialised and unsealed through the API, KV v2 at secret/. Every drill uses a fresh pair:
 *   - A, the DR primary, with a token role `failover-handler` (policy: promote and
 *     update-primary) and a batch DR operation token created from it in advance;
 *   - B, its DR secondary, attached and level (merkle roots and WAL cursors match).
 * A drill: a load process (bench/failover-load.ts) writes distinct keys on A on an open-loop
 * schedule at HVR_BENCH_RPO_RATE writes/s, recording each acknowledged key; after
 * HVR_BENCH_KILL_AFTER_SECONDS A is killed with SIGKILL; B is promoted with
 * `dr_operation_token` = the batch token; a write loop hits B right after the promote call
 * returns. Then each acknowledged key is read on B (a DR secondary refuses reads, so only after
 * promotion). Drills run in async mode and in zero-RPO mode
 * (PUT sys/replication/dr/primary/zero-rpo {"min_acks":1,"ack_timeout":"5s"}), interleaved.
 * Reports:
 *   1. RTO: promote call start -> first successful write on B, median over all drills;
 *   2. RPO, async: acknowledged writes missing on B, count and fraction of acknowledged;
 *   3. RPO, zero-RPO mode: must be 0; anything else is printed as a bug (exit code 1);
 *   4. closed-loop KV v2 write throughput on a DR primary with the secondary attached,
 *      zero-RPO mode on vs off, same pair, interleaved rounds, ratio per round then median.
 * Results also go to bench/results/latest-failover.json.
 *
 * Environment (defaults keep the run near 2-3 minutes on 2 cores):
 *   HVR_BENCH_LONG=1                 7 rounds, 10 s throughput runs
 *   HVR_BENCH_ROUNDS=3               drills per mode, and throughput rounds
 *   HVR_BENCH_RPO_RATE=500           writes/s of the open-loop load during a drill
 *   HVR_BENCH_KILL_AFTER_SECONDS=2.5 load time before the SIGKILL
 *   HVR_BENCH_ACK_TIMEOUT=5s         zero-RPO ack_timeout
 *   HVR_BENCH_SECONDS=2.5            measured seconds per throughput run
 *   HVR_BENCH_WARMUP_SECONDS=0.75    warm-up seconds per throughput run (not measured)
 *   HVR_BENCH_CLIENTS=4              concurrent closed-loop clients for the throughput runs
 *   HVR_BENCH_PARTS=drill,throughput which parts to run
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RpoLoadConfig, RpoLoadResult } from './failover-load.js';
import {
  api,
  cleanup,
  fmtInt,
  fmtMs,
  fmtRange,
  fmtRatio,
  freePort,
  HVR_BIN,
  interrupted,
  lpad,
  numEnv,
  pad,
  RESULTS_DIR,
  ROOT,
  runJsonChild,
  type Server,
  sleep,
  startServer,
  tempDir,
} from './harness.js';
import type { LoadConfig, LoadResult } from './load.js';
import { median } from './stats.js';

const LOAD = join(ROOT, 'bench', 'load.ts');
const RPO_LOAD = join(ROOT, 'bench', 'failover-load.ts');

const env = process.env;
const LONG = env.HVR_BENCH_LONG === '1';
const ROUNDS = Math.round(numEnv('HVR_BENCH_ROUNDS', LONG ? 7 : 3));
const RPO_RATE = numEnv('HVR_BENCH_RPO_RATE', 500);
const KILL_AFTER_MS = Math.round(numEnv('HVR_BENCH_KILL_AFTER_SECONDS', 2.5) * 1000);
const ACK_TIMEOUT = env.HVR_BENCH_ACK_TIMEOUT || '5s';
const DURATION_MS = Math.round(numEnv('HVR_BENCH_SECONDS', LONG ? 10 : 2.5) * 1000);
const WARMUP_MS = Math.round(numEnv('HVR_BENCH_WARMUP_SECONDS', LONG ? 2 : 0.75) * 1000);
const CLIENTS = Math.round(numEnv('HVR_BENCH_CLIENTS', 4));
const PARTS = new Set((env.HVR_BENCH_PARTS ?? 'drill,throughput').split(',').map((p) => p.trim()));
/** Keys cycled through by the closed-loop throughput writes, as in bench/kv-http.ts. */
const KEYS = 256;
const STATUS = 'sys/replication/dr/status';
const RTO_TIMEOUT_MS = 60_000;

type Mode = 'async' | 'zero-rpo';

// ---------------------------------------------------------------- nodes

interface Node {
  readonly name: string;
  readonly dir: string;
  readonly configPath: string;
  server: Server | undefined;
  token: string;
}

/** The persistent-node config of test/helpers/persistent-node.ts. */
async function makeNode(name: string): Promise<Node> {
  const dir = tempDir(`hvr-bench-failover-${name}-`);
  const configPath = join(dir, 'hvr.hcl');
  const [apiPort, clusterPort] = [await freePort(), await freePort()];
  writeFileSync(
    configPath,
    `storage "sqlite" {\n  path = ${JSON.stringify(join(dir, 'data', 'hvr.sqlite'))}\n}\n` +
      `listener "tcp" {\n  address = "127.0.0.1:${apiPort}"\n  tls_disable = true\n}\n` +
      `cluster_addr = "https://127.0.0.1:${clusterPort}"\n`,
  );
  const node: Node = { name, dir, configPath, server: undefined, token: '' };
  node.server = await startServer(
    `hvr ${name}`,
    [HVR_BIN, 'server', '-config', configPath],
    'Vault server started!',
    { HOME: dir },
  );
  const init = await api(originOf(node), 'PUT', 'sys/init', { secret_shares: 1, secret_threshold: 1 });
  const key = (init.keys_base64 as string[] | undefined)?.[0];
  const token = init.root_token as string | undefined;
  if (!key || !token) throw new Error(`sys/init returned no key or token: ${JSON.stringify(init)}`);
  node.token = token;
  const unseal = await api(originOf(node), 'PUT', 'sys/unseal', { key });
  if (unseal.sealed !== false)
    throw new Error(`${name} still sealed after unseal: ${JSON.stringify(unseal)}`);
  return node;
}

const originOf = (node: Node): string => {
  if (!node.server) throw new Error(`${node.name} is not running`);
  return node.server.origin;
};

async function drStatus(node: Node): Promise<Record<string, unknown>> {
  return ((await api(originOf(node), 'GET', STATUS)).data ?? {}) as Record<string, unknown>;
}

/** As Vault's WaitForMatchingMerkleRoots: the secondary streams, roots agree, WAL cursors agree. */
async function waitCaughtUp(primary: Node, secondary: Node, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [p, s] = await Promise.all([drStatus(primary), drStatus(secondary)]);
    if (
      s.state === 'stream-wals' &&
      typeof p.merkle_root === 'string' &&
      p.merkle_root === s.merkle_root &&
      p.last_wal === s.last_remote_wal
    )
      return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      throw new Error(
        `secondary did not catch up within ${timeoutMs} ms: primary last_wal=${p.last_wal} root=${p.merkle_root}; ` +
          `secondary state=${s.state} last_remote_wal=${s.last_remote_wal} root=${s.merkle_root}`,
      );
    }
    await sleep(10);
  }
}

interface Pair {
  readonly a: Node;
  readonly b: Node;
  /** Root token of A; valid on B too once B is A's DR secondary. */
  readonly root: string;
  /** Batch token from the failover-handler role, made on A before DR was enabled. */
  readonly batchToken: string;
}

/** The setup of test/integration/dr-failover.test.ts: A primary with the promotion role and batch token, B attached. */
async function setupPair(label: string): Promise<Pair> {
  const [a, b] = await Promise.all([makeNode(`${label}-a`), makeNode(`${label}-b`)]);
  const A = originOf(a);
  const root = a.token;
  await api(A, 'POST', 'sys/mounts/secret', { type: 'kv', options: { version: '2' } }, root);
  await api(
    A,
    'PUT',
    'sys/policies/acl/dr-secondary-promotion',
    {
      policy:
        'path "sys/replication/dr/secondary/promote" { capabilities = ["update"] }\n' +
        'path "sys/replication/dr/secondary/update-primary" { capabilities = ["update"] }',
    },
    root,
  );
  await api(
    A,
    'PUT',
    'auth/token/roles/failover-handler',
    { allowed_policies: 'dr-secondary-promotion', orphan: true, renewable: false, token_type: 'batch' },
    root,
  );
  const batch = await api(A, 'POST', 'auth/token/create/failover-handler', { ttl: '8h' }, root);
  const batchToken = (batch.auth as { client_token?: string } | undefined)?.client_token;
  if (!batchToken?.startsWith('hvb.')) throw new Error(`no batch token: ${JSON.stringify(batch)}`);
  await api(A, 'PUT', 'sys/replication/dr/primary/enable', {}, root);
  const tokenRes = await api(A, 'PUT', 'sys/replication/dr/primary/secondary-token', { id: 'b' }, root);
  const activation = (tokenRes.wrap_info as { token?: string } | undefined)?.token;
  if (!activation) throw new Error(`secondary-token returned no token: ${JSON.stringify(tokenRes)}`);
  await api(originOf(b), 'PUT', 'sys/replication/dr/secondary/enable', { token: activation }, b.token);
  b.token = root;
  await waitCaughtUp(a, b);
  return { a, b, root, batchToken };
}

async function setMode(pair: Pair, mode: Mode): Promise<void> {
  const body = mode === 'zero-rpo' ? { min_acks: 1, ack_timeout: ACK_TIMEOUT } : { min_acks: 0 };
  await api(originOf(pair.a), 'PUT', 'sys/replication/dr/primary/zero-rpo', body, pair.root);
  const status = await drStatus(pair.a);
  const on = (status.zero_rpo as { min_acks?: number } | undefined)?.min_acks === 1;
  if (on !== (mode === 'zero-rpo'))
    throw new Error(`zero-RPO mode not ${mode}: ${JSON.stringify(status.zero_rpo)}`);
}

async function stopPair(pair: Pair): Promise<void> {
  await Promise.all([pair.a.server?.stop('SIGTERM'), pair.b.server?.stop('SIGTERM')]);
  pair.a.server = undefined;
  pair.b.server = undefined;
}

// ---------------------------------------------------------------- the open-loop load child

const loadChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of loadChildren)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Runs bench/failover-load.ts; `started` resolves when it prints `started`, `result` with its JSON line. */
function runRpoLoad(config: RpoLoadConfig): { started: Promise<void>; result: Promise<RpoLoadResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', RPO_LOAD, JSON.stringify(config)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  loadChildren.add(child);
  let stdout = '';
  let stderr = '';
  let markStarted: () => void = () => {};
  let failStarted: (error: Error) => void = () => {};
  const started = new Promise<void>((done, fail) => {
    markStarted = done;
    failStarted = fail;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.includes('started\n')) markStarted();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const result = new Promise<RpoLoadResult>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      loadChildren.delete(child);
      const error = new Error(`${RPO_LOAD} exited with ${code ?? signal}:\n${stderr}${stdout}`);
      failStarted(error);
      if (code !== 0) {
        fail(error);
        return;
      }
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        done(JSON.parse(line) as RpoLoadResult);
      } catch {
        fail(new Error(`${RPO_LOAD} printed no JSON result:\n${stdout}\n${stderr}`));
      }
    });
  });
  return { started, result };
}

// ---------------------------------------------------------------- one drill

interface ReadBack {
  /** Acknowledged writes not found on B. */
  missing: number[];
  /** Acknowledged writes found on B with another value. */
  wrong: number[];
  /** Unacknowledged writes (in flight at the kill) found on B anyway. */
  unackedPresent: number;
  unacked: number;
}

interface DrillResult {
  mode: Mode;
  round: number;
  load: Omit<RpoLoadResult, 'acked'> & { ackedCount: number };
  /** B's dr/status before the promote call. */
  secondaryLastRemoteWal: number;
  secondaryState: string;
  promoteMs: number;
  /** Promote returned -> first write answered 200. */
  firstWriteMs: number;
  /** Promote call start -> first write answered 200. */
  rtoMs: number;
  writeAttempts: number;
  firstFailure: string | null;
  missing: number;
  missingFraction: number;
  wrong: number;
  /**
   * The first 50 missing n. Schedule order is not commit order: under a backlog a write can wait
   * behind later ones, so a low n may be missing while higher ones arrived (it committed late).
   */
  missingKeys: number[];
  unacked: number;
  unackedPresent: number;
  /** n of the last acknowledged write on A, and of the last one present on B. */
  lastAcked: number;
}

/** Reads each key on the new primary with a few concurrent readers. */
async function readBack(
  origin: string,
  token: string,
  acked: readonly number[],
  sent: number,
): Promise<ReadBack> {
  const ackedSet = new Set(acked);
  const unackedKeys: number[] = [];
  for (let n = 0; n < sent; n++) if (!ackedSet.has(n)) unackedKeys.push(n);
  const found = new Map<number, string | undefined>();
  const queue = [...acked, ...unackedKeys];
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < queue.length) {
      const n = queue[next++] as number;
      const res = await fetch(`${origin}/v1/secret/data/rpo/k${n}`, { headers: { 'x-vault-token': token } });
      const text = await res.text();
      if (res.status === 404) continue;
      if (!res.ok) throw new Error(`reading k${n} on the new primary: ${res.status} ${text}`);
      const data = (JSON.parse(text) as { data?: { data?: { n?: string } } }).data?.data;
      found.set(n, data?.n);
    }
  };
  await Promise.all(Array.from({ length: 8 }, reader));
  return {
    missing: acked.filter((n) => !found.has(n)),
    wrong: acked.filter((n) => found.has(n) && found.get(n) !== String(n)),
    unackedPresent: unackedKeys.filter((n) => found.has(n)).length,
    unacked: unackedKeys.length,
  };
}

async function drill(mode: Mode, round: number): Promise<DrillResult> {
  const pair = await setupPair(`${mode}-${round}`);
  try {
    await setMode(pair, mode);
    await waitCaughtUp(pair.a, pair.b);
    const A = originOf(pair.a);
    const B = originOf(pair.b);

    const load = runRpoLoad({
      origin: A,
      token: pair.root,
      pathPrefix: '/v1/secret/data/rpo/k',
      rate: RPO_RATE,
      maxDurationMs: KILL_AFTER_MS + 10_000,
    });
    await load.started;
    await sleep(KILL_AFTER_MS);
    await pair.a.server?.stop('SIGKILL');
    pair.a.server = undefined;
    const result = await load.result;
    if (result.connErrors === 0) throw new Error('the load saw no connection error after the SIGKILL');

    const before = await drStatus(pair.b);

    // RTO: promote, then write until a write succeeds.
    const t0 = performance.now();
    const promoted = await fetch(`${B}/v1/sys/replication/dr/secondary/promote`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dr_operation_token: pair.batchToken }),
    });
    const promoteText = await promoted.text();
    const t1 = performance.now();
    if (!promoted.ok) throw new Error(`promote failed: ${promoted.status} ${promoteText}`);
    let attempts = 0;
    let firstFailure: string | null = null;
    for (;;) {
      attempts++;
      let ok = false;
      try {
        const res = await fetch(`${B}/v1/secret/data/rto/probe`, {
          method: 'PUT',
          headers: { 'x-vault-token': pair.root, 'content-type': 'application/json' },
          body: JSON.stringify({ data: { after: 'failover' } }),
        });
        const text = await res.text();
        ok = res.status === 200;
        if (!ok) firstFailure ??= `${res.status} ${text.slice(0, 200)}`;
      } catch (error) {
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      if (ok) break;
      if (performance.now() - t0 > RTO_TIMEOUT_MS)
        throw new Error(
          `no successful write on the promoted secondary within ${RTO_TIMEOUT_MS} ms: ${firstFailure}`,
        );
      await sleep(1);
    }
    const t2 = performance.now();
    const mode2 = (await drStatus(pair.b)).mode;
    if (mode2 !== 'primary') throw new Error(`B is ${mode2} after promote`);

    const rb = await readBack(B, pair.root, result.acked, result.sent);
    const { acked, ...rest } = result;
    return {
      mode,
      round,
      load: { ...rest, ackedCount: acked.length },
      secondaryLastRemoteWal: Number(before.last_remote_wal),
      secondaryState: String(before.state),
      promoteMs: t1 - t0,
      firstWriteMs: t2 - t1,
      rtoMs: t2 - t0,
      writeAttempts: attempts,
      firstFailure,
      missing: rb.missing.length,
      missingFraction: acked.length ? rb.missing.length / acked.length : Number.NaN,
      wrong: rb.wrong.length,
      missingKeys: rb.missing.slice(0, 50),
      unacked: rb.unacked,
      unackedPresent: rb.unackedPresent,
      lastAcked: acked[acked.length - 1] ?? -1,
    };
  } finally {
    await stopPair(pair);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const loadStart = loadavg();
  process.stderr.write(
    `hvr failover bench: parts ${[...PARTS].join(',')}; ${ROUNDS} drills per mode (async, zero-RPO) at ${RPO_RATE} writes/s, ` +
      `SIGKILL after ${KILL_AFTER_MS / 1000} s; throughput ${ROUNDS} rounds x 2 runs of ${WARMUP_MS / 1000}+${DURATION_MS / 1000} s ` +
      `x${CLIENTS} clients\n`,
  );

  // ---- 4. throughput, zero-RPO vs async, one pair, interleaved rounds
  const runs: Record<Mode, LoadResult[]> = { async: [], 'zero-rpo': [] };
  if (PARTS.has('throughput')) {
    process.stderr.write('throughput (closed loop), zero-RPO vs async\n');
    const pair = await setupPair('throughput');
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const order: Mode[] = round % 2 === 0 ? ['async', 'zero-rpo'] : ['zero-rpo', 'async'];
        for (const mode of order) {
          await setMode(pair, mode);
          await waitCaughtUp(pair.a, pair.b);
          const config: LoadConfig = {
            origin: originOf(pair.a),
            op: 'write',
            pathPrefix: '/v1/secret/data/bench/w',
            keys: KEYS,
            token: pair.root,
            concurrency: CLIENTS,
            warmupMs: WARMUP_MS,
            durationMs: DURATION_MS,
            client: 'pool',
          };
          const r = await runJsonChild<LoadResult>(LOAD, config);
          runs[mode].push(r);
          process.stderr.write(
            `  round ${round + 1}/${ROUNDS} ${pad(mode, 9)} x${CLIENTS} ${lpad(fmtInt(r.rps), 7)} req/s` +
              `  p50 ${fmtMs(r.p50Ms)} ms  p99 ${fmtMs(r.p99Ms)} ms` +
              (r.errors ? `  ${r.errors} ERRORS (${r.firstError})` : '') +
              '\n',
          );
        }
      }
    } finally {
      await stopPair(pair);
    }
  }

  // ---- 1-3. drills
  const drills: DrillResult[] = [];
  if (PARTS.has('drill')) {
    process.stderr.write(
      `failover drills at ${RPO_RATE} writes/s, SIGKILL after ${KILL_AFTER_MS / 1000} s\n`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const order: Mode[] = round % 2 === 0 ? ['async', 'zero-rpo'] : ['zero-rpo', 'async'];
      for (const mode of order) {
        const d = await drill(mode, round);
        drills.push(d);
        process.stderr.write(
          `  round ${round + 1}/${ROUNDS} ${pad(mode, 9)} ${fmtInt(d.load.ackedCount)} acked (${fmtInt(d.load.achievedRate)}/s, ` +
            `ack p99 ${fmtMs(d.load.ackP99Ms)} ms), ${d.unacked} unacked` +
            `  missing on B ${d.missing}${d.wrong ? ` WRONG VALUE ${d.wrong}` : ''}` +
            `  promote ${fmtMs(d.promoteMs)} ms + first write ${fmtMs(d.firstWriteMs)} ms (${d.writeAttempts} attempt(s))` +
            (d.load.httpErrors ? `  ${d.load.httpErrors} HTTP ERRORS (${d.load.firstHttpError})` : '') +
            '\n',
        );
      }
    }
  }
  const loadEnd = loadavg();

  // ---------------------------------------------------------------- report
  const lines: string[] = [''];
  lines.push(
    'DR failover drill: hvr server processes on SQLite (WAL, synchronous=FULL), one DR secondary over mTLS on loopback,',
  );
  lines.push(
    'KV v2 at secret/; promote with a batch DR operation token made in advance from a token role; a fresh pair per drill.',
  );
  let zeroRpoViolated = false;
  let httpErrors = 0;
  if (drills.length) {
    const of = (mode: Mode) => drills.filter((d) => d.mode === mode);
    lines.push('');
    lines.push(
      `Drill: open-loop writes of distinct keys at ${RPO_RATE}/s on the primary from a separate process, SIGKILL after ${KILL_AFTER_MS / 1000} s,`,
    );
    lines.push(
      'promote the secondary, write loop on it right after promote returns, then read every acknowledged key on it.',
    );
    lines.push('RTO = promote call start -> first write answered 200 on the promoted secondary.');
    lines.push('');
    const header =
      `${pad('mode', 10)}${pad('round', 7)}${lpad('acked', 7)}${lpad('rate/s', 8)}${lpad('ack p99', 9)}` +
      `${lpad('missing', 9)}${lpad('fraction', 10)}${lpad('unacked', 9)}${lpad('(on B)', 8)}` +
      `${lpad('promote', 9)}${lpad('1st write', 11)}${lpad('RTO s', 8)}`;
    lines.push(header);
    lines.push('-'.repeat(header.length));
    const row = (d: DrillResult, label: string) =>
      `${pad(d.mode, 10)}${pad(label, 7)}${lpad(fmtInt(d.load.ackedCount), 7)}${lpad(fmtInt(d.load.achievedRate), 8)}` +
      `${lpad(fmtMs(d.load.ackP99Ms), 9)}${lpad(String(d.missing), 9)}${lpad(d.missingFraction.toExponential(1), 10)}` +
      `${lpad(String(d.unacked), 9)}${lpad(String(d.unackedPresent), 8)}` +
      `${lpad(fmtMs(d.promoteMs), 9)}${lpad(fmtMs(d.firstWriteMs), 11)}${lpad((d.rtoMs / 1000).toFixed(3), 8)}`;
    for (const mode of ['async', 'zero-rpo'] as const) {
      const ds = of(mode);
      for (const d of ds) lines.push(row(d, String(d.round + 1)));
      if (!ds.length) continue;
      const m = (f: (d: DrillResult) => number) => median(ds.map(f));
      lines.push(
        `${pad(mode, 10)}${pad('median', 7)}${lpad(fmtInt(m((d) => d.load.ackedCount)), 7)}${lpad(fmtInt(m((d) => d.load.achievedRate)), 8)}` +
          `${lpad(fmtMs(m((d) => d.load.ackP99Ms)), 9)}${lpad(String(m((d) => d.missing)), 9)}` +
          `${lpad(m((d) => d.missingFraction).toExponential(1), 10)}${lpad(String(m((d) => d.unacked)), 9)}` +
          `${lpad(String(m((d) => d.unackedPresent)), 8)}${lpad(fmtMs(m((d) => d.promoteMs)), 9)}` +
          `${lpad(fmtMs(m((d) => d.firstWriteMs)), 11)}${lpad((m((d) => d.rtoMs) / 1000).toFixed(3), 8)}`,
      );
    }
    lines.push(
      '(ack p99 / promote / 1st write in ms; ack = scheduled send -> 200; unacked = sent but not answered 200 when the',
    );
    lines.push(
      ' primary died, "(on B)" = how many of those the promoted secondary has anyway, which is allowed)',
    );
    lines.push('');
    const rto = median(drills.map((d) => d.rtoMs));
    lines.push(
      `1. RTO (promote call -> first successful write), median of ${drills.length} drills: ${(rto / 1000).toFixed(3)} s ` +
        `[${(Math.min(...drills.map((d) => d.rtoMs)) / 1000).toFixed(3)}-${(Math.max(...drills.map((d) => d.rtoMs)) / 1000).toFixed(3)}]` +
        `  (promote call ${fmtMs(median(drills.map((d) => d.promoteMs)))} ms, then ${fmtMs(median(drills.map((d) => d.firstWriteMs)))} ms to the first write)`,
    );
    for (const mode of ['async', 'zero-rpo'] as const) {
      const rate = median(of(mode).map((d) => d.load.achievedRate));
      if (rate < 0.9 * RPO_RATE)
        lines.push(
          `   note: ${mode}: the primary acknowledged only ${fmtInt(rate)} of ${RPO_RATE} scheduled writes/s (median), so a backlog ` +
            'built up before the kill; its RPO is for an overloaded primary',
        );
    }
    const asyncDs = of('async');
    if (asyncDs.length) {
      const missing = asyncDs.reduce((s, d) => s + d.missing, 0);
      const acked = asyncDs.reduce((s, d) => s + d.load.ackedCount, 0);
      lines.push(
        `2. RPO, async, ${RPO_RATE} writes/s: median ${median(asyncDs.map((d) => d.missing))} acknowledged writes lost per failover ` +
          `(${(median(asyncDs.map((d) => d.missingFraction)) * 100).toFixed(3)}% of acknowledged); ` +
          `per drill ${asyncDs.map((d) => d.missing).join(', ')}; total ${missing} of ${fmtInt(acked)} (${((missing / acked) * 100).toFixed(3)}%)`,
      );
    }
    const zeroDs = of('zero-rpo');
    if (zeroDs.length) {
      const missing = zeroDs.reduce((s, d) => s + d.missing + d.wrong, 0);
      const acked = zeroDs.reduce((s, d) => s + d.load.ackedCount, 0);
      zeroRpoViolated = missing > 0;
      lines.push(
        `3. RPO, zero-RPO mode (min_acks=1, ack_timeout=${ACK_TIMEOUT}): ${missing} of ${fmtInt(acked)} acknowledged writes lost ` +
          `(per drill ${zeroDs.map((d) => d.missing + d.wrong).join(', ')})  ${zeroRpoViolated ? '' : 'ok: RPO = 0'}`,
      );
      if (zeroRpoViolated) {
        lines.push('');
        lines.push(
          '   !!! ZERO-RPO VIOLATED: acknowledged writes are missing (or wrong) on the promoted secondary. !!!',
        );
        lines.push(
          '   !!! This is a bug in hvr zero-RPO mode; missing key numbers per drill:                       !!!',
        );
        for (const d of zeroDs.filter((x) => x.missing + x.wrong > 0)) {
          lines.push(
            `   round ${d.round + 1}: missing ${d.missingKeys.join(',')} (last acked ${d.lastAcked})`,
          );
        }
      }
    }
    httpErrors += drills.reduce((s, d) => s + d.load.httpErrors, 0);
  }

  let throughput: { ratio: number; ratios: number[] } | undefined;
  if (runs.async.length && runs['zero-rpo'].length) {
    const ratios = runs['zero-rpo'].map((r, i) => r.rps / (runs.async[i]?.rps ?? Number.NaN));
    throughput = { ratio: median(ratios), ratios };
    const m = (mode: Mode, f: (r: LoadResult) => number) => median(runs[mode].map(f));
    lines.push(
      `4. write throughput, zero-RPO / async: ${fmtRatio(throughput.ratio)} ${fmtRange(ratios)}  ` +
        `(${fmtInt(m('zero-rpo', (r) => r.rps))} vs ${fmtInt(m('async', (r) => r.rps))} req/s, ` +
        `p50 ${fmtMs(m('zero-rpo', (r) => r.p50Ms))} vs ${fmtMs(m('async', (r) => r.p50Ms))} ms, ` +
        `p99 ${fmtMs(m('zero-rpo', (r) => r.p99Ms))} vs ${fmtMs(m('async', (r) => r.p99Ms))} ms)`,
    );
    lines.push(
      `   closed loop, ${CLIENTS} clients (undici Pool, own process), KV v2 writes over ${KEYS} keys on the DR primary with its`,
    );
    lines.push(
      `   secondary attached; medians of ${ROUNDS} interleaved rounds x ${DURATION_MS / 1000} s (after ${WARMUP_MS / 1000} s warm-up), ratio per round.`,
    );
    httpErrors += [...runs.async, ...runs['zero-rpo']].reduce((s, r) => s + r.errors, 0);
  }
  lines.push('');
  lines.push(
    `load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} -> ${loadEnd.map((l) => l.toFixed(2)).join(' ')}` +
      ` on ${cpus().length} cpus; took ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const outPath = join(RESULTS_DIR, 'latest-failover.json');
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
          rpoRate: RPO_RATE,
          killAfterMs: KILL_AFTER_MS,
          ackTimeout: ACK_TIMEOUT,
          durationMs: DURATION_MS,
          warmupMs: WARMUP_MS,
          clients: CLIENTS,
          keys: KEYS,
          parts: [...PARTS],
        },
        summary: {
          rtoMs: median(drills.map((d) => d.rtoMs)),
          asyncMissing: median(drills.filter((d) => d.mode === 'async').map((d) => d.missing)),
          zeroRpoMissing: drills
            .filter((d) => d.mode === 'zero-rpo')
            .reduce((s, d) => s + d.missing + d.wrong, 0),
          zeroRpoViolated,
          throughput,
        },
        drills,
        throughput: runs,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`wrote ${outPath}\n`);
  if (zeroRpoViolated) process.exitCode = 1;
  if (httpErrors > 0) {
    process.stderr.write(
      `${httpErrors} requests failed with an HTTP error; the figures above are not trustworthy\n`,
    );
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
