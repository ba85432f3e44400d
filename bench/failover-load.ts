/**
 * Open-loop writer for bench/failover.ts, run as a child process so the client never shares an
 * event loop with a server under test. Takes one JSON argument (RpoLoadConfig).
 *
 * Writes distinct KV v2 keys (pathPrefix + n, n = 0, 1, 2, ...) on a fixed schedule: write n is
 * due at n / rate seconds after the start, independent of responses, so a slow server cannot
 * slow the schedule down. Each write that comes back 200 is acknowledged and its n recorded.
 * Prints `started` on stdout when the schedule begins (the orchestrator times the SIGKILL of the
 * primary from it), stops scheduling at the first connection-level error (the primary is gone)
 * or after maxDurationMs, waits for the writes in flight to settle and prints one JSON line
 * (RpoLoadResult).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { percentile } from './stats.js';

export interface RpoLoadConfig {
  readonly origin: string;
  readonly token: string;
  /** e.g. /v1/secret/data/rpo/k */
  readonly pathPrefix: string;
  /** Writes per second. */
  readonly rate: number;
  /** Stop scheduling after this long even if the primary never went away. */
  readonly maxDurationMs: number;
}

export interface RpoLoadResult {
  /** Writes sent (n = 0 .. sent-1). */
  readonly sent: number;
  /** n of every write answered 200, ascending. */
  readonly acked: number[];
  /** Writes answered with a status >= 300. */
  readonly httpErrors: number;
  readonly firstHttpError: string | null;
  /** Writes that failed at the connection level (the primary was killed). */
  readonly connErrors: number;
  readonly firstConnError: string | null;
  /** Time of the first connection error, ms after the schedule started (NaN when none). */
  readonly firstConnErrorMs: number;
  /** Time of the last ack, ms after the schedule started. */
  readonly lastAckMs: number;
  /** Writes sent but not yet answered at the first connection error. */
  readonly inFlightAtConnError: number;
  /** Acks per second up to the first connection error (or the end). */
  readonly achievedRate: number;
  /** Scheduled send time -> 200 response, acked writes only. */
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly ackMaxMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function run(cfg: RpoLoadConfig): Promise<RpoLoadResult> {
  const pool = new Pool(cfg.origin, {
    connections: 64,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  const headers = { 'x-vault-token': cfg.token, 'content-type': 'application/json' };
  const put = async (path: string, body: string): Promise<{ status: number; text: string }> => {
    const res = await pool.request({ path, method: 'PUT', headers, body });
    return { status: res.statusCode, text: await res.body.text() };
  };

  // One write before the clock starts, so the first scheduled writes do not pay for connecting.
  const warm = await put(`${cfg.pathPrefix}warm`, JSON.stringify({ data: { warm: 'yes' } }));
  if (warm.status !== 200) throw new Error(`warm-up write failed: ${warm.status} ${warm.text.slice(0, 300)}`);

  const acked: number[] = [];
  const ackLatency: number[] = [];
  let httpErrors = 0;
  let firstHttpError: string | null = null;
  let connErrors = 0;
  let firstConnError: string | null = null;
  let firstConnErrorMs = Number.NaN;
  let inFlightAtConnError = 0;
  let lastAckMs = 0;
  let inFlight = 0;
  let stop = false;
  const pending = new Set<Promise<void>>();
  const intervalMs = 1000 / cfg.rate;

  const t0 = performance.now();
  process.stdout.write('started\n');

  const send = (n: number): void => {
    const due = n * intervalMs;
    inFlight++;
    const body = JSON.stringify({ data: { n: String(n), pad: 'p4ssw0rd-0123456789abcdef' } });
    const p = put(`${cfg.pathPrefix}${n}`, body).then(
      ({ status, text }) => {
        inFlight--;
        const now = performance.now() - t0;
        if (status === 200) {
          acked.push(n);
          ackLatency.push(now - due);
          lastAckMs = Math.max(lastAckMs, now);
        } else {
          httpErrors++;
          firstHttpError ??= `${status} ${text.slice(0, 300)}`;
        }
      },
      (error: unknown) => {
        inFlight--;
        connErrors++;
        if (firstConnError === null) {
          firstConnError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          firstConnErrorMs = performance.now() - t0;
          inFlightAtConnError = inFlight + 1;
        }
        stop = true;
      },
    );
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  let n = 0;
  while (!stop) {
    const now = performance.now() - t0;
    if (now >= cfg.maxDurationMs) break;
    const due = Math.floor(now / intervalMs) + 1;
    while (n < due && !stop) send(n++);
    await sleep(1);
  }
  await Promise.allSettled([...pending]);
  await pool.destroy();

  acked.sort((a, b) => a - b);
  const sorted = Float64Array.from(ackLatency).sort();
  const until = Number.isFinite(firstConnErrorMs) ? firstConnErrorMs : Math.min(cfg.maxDurationMs, lastAckMs);
  return {
    sent: n,
    acked,
    httpErrors,
    firstHttpError,
    connErrors,
    firstConnError,
    firstConnErrorMs,
    lastAckMs,
    inFlightAtConnError,
    achievedRate: acked.length / (until / 1000),
    ackP50Ms: percentile(sorted, 50),
    ackP99Ms: percentile(sorted, 99),
    ackMaxMs: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write('usage: failover-load.ts <json RpoLoadConfig>\n');
    process.exit(2);
  }
  run(JSON.parse(arg) as RpoLoadConfig).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
