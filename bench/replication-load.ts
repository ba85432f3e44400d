/**
 * Load for bench/replication.ts, run as a child process so the client never shares an event
 * loop with a server under test. Takes one JSON argument and prints one JSON line.
 *
 * mode 'lag': open-loop KV v2 writes on the primary at a fixed rate (send times are scheduled
 *   up front, independent of responses, so a slow server cannot slow the schedule down). Right
 *   after each acknowledged write the primary's last WAL index is read and taken as the write's
 *   index: an upper bound, since the ack came after the commit, and other writes may have
 *   committed in between. It is read either from the primary's SQLite file (`indexFrom:
 *   'sqlite'`, the committed `core/replication/wal-state` row, through a read-only connection:
 *   tens of microseconds, and never queued behind the primary's HTTP backlog) or from its
 *   `sys/replication/dr/status` last_wal (`'status'`: one more request on the primary per write,
 *   which under load arrives late and so over-attributes). Meanwhile a separate async task polls
 *   the secondary's dr/status every `pollIntervalMs` and records (time, last_remote_wal). A
 *   write counts as visible at the end of the first secondary poll whose last_remote_wal reached
 *   its index; lag = that time - the ack time. All times are this process's performance.now().
 *
 * mode 'fill': writes `count` distinct KV v2 keys with `concurrency` workers, as fast as the
 *   node takes them; reports the logical payload (request path + JSON body bytes).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { Client, Pool } from 'undici';
import { percentile } from './stats.js';

export interface LagConfig {
  readonly mode: 'lag';
  readonly primary: string;
  readonly secondary: string;
  readonly token: string;
  /** e.g. /v1/secret/data/lag/k */
  readonly pathPrefix: string;
  readonly keys: number;
  readonly rate: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly pollIntervalMs: number;
  /** Where the write's WAL index comes from (see above). */
  readonly indexFrom: 'sqlite' | 'status';
  /** The primary's SQLite file, for indexFrom 'sqlite'. */
  readonly primaryDb: string;
  /** How long to wait after the last send for acks and for the secondary to catch up. */
  readonly drainTimeoutMs: number;
}

export interface LagResult {
  readonly sent: number;
  readonly measured: number;
  readonly errors: number;
  readonly firstError: string | null;
  readonly achievedRate: number;
  /** Scheduled send time -> ack (open-loop latency, no coordinated omission). */
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  readonly lagMeanMs: number;
  /** Measured writes already visible on the secondary by the time the client had the ack. */
  readonly visibleBeforeAck: number;
  /** Measured writes never seen on the secondary before the drain timeout. */
  readonly unseen: number;
  readonly polls: number;
  readonly pollPeriodP50Ms: number;
  readonly pollPeriodP99Ms: number;
  readonly pollRttP50Ms: number;
  /** Ack -> the write's WAL index read (how late the attribution is). */
  readonly indexReadP50Ms: number;
  readonly indexReadP99Ms: number;
  /** WAL records the primary wrote per KV write during the run. */
  readonly walPerWrite: number;
  /** Writes in flight when a write was acked (how loose the last_wal attribution can be). */
  readonly inFlightP50: number;
}

export interface FillConfig {
  readonly mode: 'fill';
  readonly origin: string;
  readonly token: string;
  /** e.g. /v1/secret/data/sync/k */
  readonly pathPrefix: string;
  readonly count: number;
  readonly concurrency: number;
  readonly valueBytes: number;
}

export interface FillResult {
  readonly written: number;
  readonly errors: number;
  readonly firstError: string | null;
  readonly elapsedMs: number;
  readonly rate: number;
  /** Sum over writes of (KV path length + JSON body length), bytes. */
  readonly payloadBytes: number;
}

const STATUS_PATH = '/v1/sys/replication/dr/status';

/** Grows a Float64Array-backed series as needed. */
class Series {
  values = new Float64Array(1 << 14);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = v;
  }
  at(i: number): number {
    return this.values[i] ?? Number.NaN;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

async function readStatusField(res: { body: { text(): Promise<string> } }, field: string): Promise<number> {
  const parsed = JSON.parse(await res.body.text()) as { data?: Record<string, unknown> };
  return Number(parsed.data?.[field] ?? Number.NaN);
}

async function runLag(cfg: LagConfig): Promise<LagResult> {
  const writes = new Pool(cfg.primary, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
  const primaryStatus = new Pool(cfg.primary, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
  const secondary = new Client(cfg.secondary, { pipelining: 1, keepAliveTimeout: 30_000 });
  const headers = { 'x-vault-token': cfg.token, 'content-type': 'application/json' };

  const db =
    cfg.indexFrom === 'sqlite' ? new Database(cfg.primaryDb, { readonly: true, fileMustExist: true }) : null;
  const walState = db
    ?.prepare<[], Buffer>("SELECT value FROM entries WHERE key = 'core/replication/wal-state'")
    .pluck();
  const primaryLastWal = async (): Promise<number> => {
    if (walState) {
      const row = walState.get();
      return row ? Number((JSON.parse(row.toString('utf8')) as { lastWal?: number }).lastWal ?? 0) : 0;
    }
    const res = await primaryStatus.request({ path: STATUS_PATH, method: 'GET' });
    return readStatusField(res, 'last_wal');
  };

  // ---- the secondary poller: (end time, last_remote_wal) of every poll
  const pollEnd = new Series();
  const pollValue = new Series();
  const pollRtt = new Series();
  let polling = true;
  let seen = 0;
  const poller = (async () => {
    while (polling) {
      const start = performance.now();
      const res = await secondary.request({ path: STATUS_PATH, method: 'GET' });
      const value = await readStatusField(res, 'last_remote_wal');
      const end = performance.now();
      pollEnd.push(end);
      pollValue.push(value);
      pollRtt.push(end - start);
      if (value > seen) seen = value;
      // Timers have 1 ms granularity and round down: ceil, so polls come no faster than asked.
      const wait = start + cfg.pollIntervalMs - performance.now();
      if (wait > 0) await new Promise((done) => setTimeout(done, Math.ceil(wait)));
    }
  })();

  // ---- open-loop writer
  const walStart = await primaryLastWal();
  const interval = 1000 / cfg.rate;
  const t0 = performance.now() + 20;
  const measureStart = t0 + cfg.warmupMs;
  const sendEnd = measureStart + cfg.durationMs;
  const total = Math.floor(((cfg.warmupMs + cfg.durationMs) * cfg.rate) / 1000);

  const ackAt = new Series();
  const target = new Series();
  const ackLatency = new Series();
  const indexRead = new Series();
  const inFlightAtAck = new Series();
  let errors = 0;
  let firstError: string | null = null;
  let inFlight = 0;
  let maxTarget = 0;
  const pending: Promise<void>[] = [];

  const fire = async (i: number, scheduled: number): Promise<void> => {
    inFlight++;
    const body = JSON.stringify({ data: { username: 'bench', password: 'p4ssw0rd-0123456789abcdef', n: i } });
    const res = await writes.request({
      path: `${cfg.pathPrefix}${i % cfg.keys}`,
      method: 'PUT',
      headers,
      body,
    });
    const text = await res.body.text();
    const acked = performance.now();
    const concurrent = inFlight;
    inFlight--;
    if (res.statusCode >= 400) {
      errors++;
      firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
      return;
    }
    const walAt = await primaryLastWal();
    if (walAt > maxTarget) maxTarget = walAt;
    if (scheduled < measureStart) return;
    ackAt.push(acked);
    target.push(walAt);
    ackLatency.push(acked - scheduled);
    indexRead.push(performance.now() - acked);
    inFlightAtAck.push(concurrent);
  };

  for (let i = 0; i < total; i++) {
    const scheduled = t0 + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, Math.ceil(wait)));
    pending.push(
      fire(i, scheduled).catch((error: unknown) => {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }),
    );
  }
  const sentAt = performance.now();
  await Promise.all(pending);
  const walEnd = await primaryLastWal();
  const drainDeadline = performance.now() + cfg.drainTimeoutMs;
  while (seen < maxTarget && performance.now() < drainDeadline)
    await new Promise((done) => setTimeout(done, 5));
  polling = false;
  await poller;
  await Promise.all([writes.close(), primaryStatus.close(), secondary.close()]);
  db?.close();

  // ---- attribute: first poll whose value reached the write's index (values are monotonic)
  const firstPollAtLeast = (wal: number): number => {
    let lo = 0;
    let hi = pollValue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pollValue.at(mid) >= wal) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const lags = new Series();
  let unseen = 0;
  let visibleBeforeAck = 0;
  for (let i = 0; i < target.length; i++) {
    const k = firstPollAtLeast(target.at(i));
    if (k >= pollValue.length) {
      unseen++;
      continue;
    }
    const lag = pollEnd.at(k) - ackAt.at(i);
    if (lag < 0) visibleBeforeAck++;
    lags.push(Math.max(0, lag));
  }
  const periods = new Series();
  for (let i = 1; i < pollEnd.length; i++) periods.push(pollEnd.at(i) - pollEnd.at(i - 1));

  const sortedLags = lags.sorted();
  let sum = 0;
  for (const v of sortedLags) sum += v;
  const sortedAck = ackLatency.sorted();
  const measuredWrites = target.length;
  return {
    sent: total,
    measured: measuredWrites,
    errors,
    firstError,
    achievedRate: measuredWrites / ((Math.max(sentAt, sendEnd) - measureStart) / 1000),
    ackP50Ms: percentile(sortedAck, 50),
    ackP99Ms: percentile(sortedAck, 99),
    lagP50Ms: percentile(sortedLags, 50),
    lagP99Ms: percentile(sortedLags, 99),
    lagMaxMs: sortedLags.length ? (sortedLags[sortedLags.length - 1] ?? Number.NaN) : Number.NaN,
    lagMeanMs: sortedLags.length ? sum / sortedLags.length : Number.NaN,
    visibleBeforeAck,
    unseen,
    polls: pollEnd.length,
    pollPeriodP50Ms: percentile(periods.sorted(), 50),
    pollPeriodP99Ms: percentile(periods.sorted(), 99),
    pollRttP50Ms: percentile(pollRtt.sorted(), 50),
    indexReadP50Ms: percentile(indexRead.sorted(), 50),
    indexReadP99Ms: percentile(indexRead.sorted(), 99),
    walPerWrite: total ? (walEnd - walStart) / total : Number.NaN,
    inFlightP50: percentile(inFlightAtAck.sorted(), 50),
  };
}

async function runFill(cfg: FillConfig): Promise<FillResult> {
  const pool = new Pool(cfg.origin, {
    connections: cfg.concurrency,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });
  const headers = { 'x-vault-token': cfg.token, 'content-type': 'application/json' };
  const filler = 'x'.repeat(Math.max(0, cfg.valueBytes));
  let next = 0;
  let written = 0;
  let errors = 0;
  let firstError: string | null = null;
  let payloadBytes = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= cfg.count) return;
      const path = `${cfg.pathPrefix}${i}`;
      const body = JSON.stringify({ data: { n: i, value: filler } });
      const res = await pool.request({ path, method: 'PUT', headers, body });
      const text = await res.body.text();
      if (res.statusCode >= 400) {
        errors++;
        firstError ??= `${res.statusCode} ${text.slice(0, 300)}`;
        continue;
      }
      written++;
      // The request path (which names the key) plus the JSON document written.
      payloadBytes += Buffer.byteLength(path) + Buffer.byteLength(body);
    }
  };
  await Promise.all(Array.from({ length: cfg.concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  return { written, errors, firstError, elapsedMs, rate: written / (elapsedMs / 1000), payloadBytes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write('usage: replication-load.ts <json LagConfig | FillConfig>\n');
    process.exit(2);
  }
  const cfg = JSON.parse(arg) as LagConfig | FillConfig;
  const work: Promise<unknown> = cfg.mode === 'lag' ? runLag(cfg) : runFill(cfg);
  work.then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
