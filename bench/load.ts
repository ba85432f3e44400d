/**
 * Load generator, run as a child process by bench/kv-http.ts (so the client never shares an
 * event loop with the server under test). Takes one JSON argument (LoadConfig), drives
 * `concurrency` workers over an undici Pool with one keep-alive connection per worker, warms
 * up, then measures for a fixed duration; prints one JSON line (LoadResult) on stdout.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { percentile } from './stats.js';

export interface LoadConfig {
  /** Origin, e.g. http://127.0.0.1:8200 */
  readonly origin: string;
  readonly op: 'read' | 'write';
  /** Request path without the key index, e.g. /v1/secret/data/bench/r */
  readonly pathPrefix: string;
  /** Keys used round-robin: pathPrefix + (n % keys). */
  readonly keys: number;
  readonly token: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  /**
   * 'pool' (default): undici Pool.request, the cheapest Node client, so the floor measures the
   * server. 'fetch': Node's global fetch, a heavier client that caps the floor much lower.
   */
  readonly client?: 'pool' | 'fetch';
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly firstError: string | null;
  readonly durationMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

async function run(cfg: LoadConfig): Promise<LoadResult> {
  const pool = new Pool(cfg.origin, {
    connections: cfg.concurrency,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });
  const headers: Record<string, string> = { 'x-vault-token': cfg.token };
  if (cfg.op === 'write') headers['content-type'] = 'application/json';
  const method = cfg.op === 'write' ? 'PUT' : 'GET';

  let latencies = new Float64Array(1 << 16);
  let recorded = 0;
  let errors = 0;
  let firstError: string | null = null;
  let counter = 0;

  const t0 = performance.now();
  const measureStart = t0 + cfg.warmupMs;
  const measureEnd = measureStart + cfg.durationMs;

  const worker = async (): Promise<void> => {
    for (;;) {
      const start = performance.now();
      if (start >= measureEnd) return;
      const n = counter++;
      const body =
        cfg.op === 'write'
          ? JSON.stringify({ data: { username: 'bench', password: 'p4ssw0rd-0123456789abcdef', n } })
          : undefined;
      const path = `${cfg.pathPrefix}${n % cfg.keys}`;
      let status: number;
      let text: string;
      if (cfg.client === 'fetch') {
        const res = await fetch(`${cfg.origin}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body }),
        });
        status = res.status;
        text = await res.text();
      } else {
        const res = await pool.request({ path, method, headers, ...(body === undefined ? {} : { body }) });
        status = res.statusCode;
        text = await res.body.text();
      }
      const end = performance.now();
      if (status >= 400) {
        errors++;
        firstError ??= `${status} ${text.slice(0, 300)}`;
      }
      // A request counts when it starts inside the window; latency includes reading the body.
      if (start >= measureStart) {
        if (recorded === latencies.length) {
          const bigger = new Float64Array(latencies.length * 2);
          bigger.set(latencies);
          latencies = bigger;
        }
        latencies[recorded++] = end - start;
      }
    }
  };

  await Promise.all(Array.from({ length: cfg.concurrency }, worker));
  await pool.close();

  const sorted = latencies.subarray(0, recorded).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    requests: recorded,
    errors,
    firstError,
    durationMs: cfg.durationMs,
    rps: recorded / (cfg.durationMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: recorded ? sum / recorded : Number.NaN,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (!arg) {
    process.stderr.write('usage: load.ts <json LoadConfig>\n');
    process.exit(2);
  }
  run(JSON.parse(arg) as LoadConfig).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
