/**
 * `npm run bench:listener`: what accepting the LIST verb costs ordinary GET and PUT requests.
 * hvr's listener with the request-line rewriter (src/server/extension-methods.ts) against the
 * same listener without it, both in front of the same stand-in core (bench/listener-server.ts),
 * driven by bench/load.ts in another process. Rounds alternate the order; the ratio
 * (rewrite / plain req/s) is taken per round between neighbouring runs, then the median.
 *
 * Environment: HVR_BENCH_ROUNDS (5), HVR_BENCH_SECONDS (2), HVR_BENCH_WARMUP_SECONDS (0.5),
 * HVR_BENCH_CLIENTS (1,16), HVR_BENCH_REWRITER_ONLY=1 (only the in-process CPU cost).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cleanup, fmtInt, fmtRatio, lpad, numEnv, pad, ROOT, runJsonChild, startServer } from './harness.js';
import type { LoadConfig, LoadResult } from './load.js';
import { median } from './stats.js';

const LOAD = join(ROOT, 'bench', 'load.ts');
const SERVER = join(ROOT, 'bench', 'listener-server.ts');
const ROUNDS = Math.round(numEnv('HVR_BENCH_ROUNDS', 5));
const DURATION_MS = Math.round(numEnv('HVR_BENCH_SECONDS', 2) * 1000);
const WARMUP_MS = Math.round(numEnv('HVR_BENCH_WARMUP_SECONDS', 0.5) * 1000);
const CLIENTS = (process.env.HVR_BENCH_CLIENTS ?? '1,16').split(',').map(Number);

type Mode = 'plain' | 'rewrite';

async function measure(mode: Mode, op: 'read' | 'write', concurrency: number): Promise<LoadResult> {
  const server = await startServer(`listener ${mode}`, ['--import', 'tsx', SERVER, mode], 'ready');
  try {
    const config: LoadConfig = {
      origin: server.origin,
      op,
      pathPrefix: '/v1/secret/data/bench/k',
      keys: 64,
      token: 'bench',
      concurrency,
      warmupMs: WARMUP_MS,
      durationMs: DURATION_MS,
    };
    return await runJsonChild<LoadResult>(LOAD, config);
  } finally {
    await server.stop();
  }
}

/**
 * The rewriter's own CPU time per request (in this process, dist build), which the req/s
 * ratio below can hide on a busy machine: median of 5 runs of 200k feeds of one chunk.
 */
async function rewriterCost(): Promise<string> {
  const { RequestLineRewriter } = (await import(
    pathToFileURL(join(ROOT, 'dist', 'server', 'extension-methods.js')).href
  )) as typeof import('../src/server/extension-methods.js');
  const head = (method: string, body: string) =>
    Buffer.from(
      `${method} /v1/secret/data/bench/k1 HTTP/1.1\r\nhost: 127.0.0.1:8200\r\nx-vault-token: bench\r\n` +
        `${body ? `content-type: application/json\r\ncontent-length: ${body.length}\r\n` : ''}\r\n${body}`,
    );
  const lines: string[] = [];
  for (const [label, chunk] of [
    ['GET', head('GET', '')],
    ['PUT', head('PUT', '{"data":{"username":"bench","n":1}}')],
    ['LIST', head('LIST', '')],
  ] as const) {
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const rewriter = new RequestLineRewriter();
      const n = 200_000;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) rewriter.feed(chunk);
      runs.push(((performance.now() - t0) * 1e6) / n);
    }
    lines.push(`${pad(label, 6)}${lpad(median(runs).toFixed(0), 8)} ns per request`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  process.stdout.write(`Request-line rewriter, CPU per request (one chunk each):\n${await rewriterCost()}\n`);
  if (process.env.HVR_BENCH_REWRITER_ONLY === '1') return;
  const rows: string[] = [];
  for (const op of ['read', 'write'] as const) {
    for (const concurrency of CLIENTS) {
      const rps: Record<Mode, number[]> = { plain: [], rewrite: [] };
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order: Mode[] = round % 2 === 0 ? ['plain', 'rewrite'] : ['rewrite', 'plain'];
        const got: Partial<Record<Mode, number>> = {};
        for (const mode of order) {
          const result = await measure(mode, op, concurrency);
          if (result.errors > 0)
            throw new Error(`${mode} ${op}: ${result.errors} errors (${result.firstError})`);
          got[mode] = result.rps;
          rps[mode].push(result.rps);
        }
        ratios.push((got.rewrite ?? 0) / (got.plain ?? 1));
      }
      rows.push(
        `${pad(op === 'read' ? 'GET' : 'PUT', 5)}${lpad(String(concurrency), 8)}${lpad(fmtInt(median(rps.plain)), 14)}${lpad(fmtInt(median(rps.rewrite)), 14)}${lpad(fmtRatio(median(ratios)), 8)}`,
      );
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    }
  }
  process.stdout.write(
    `\nhvr API listener, req/s (median of ${ROUNDS} rounds of ${DURATION_MS / 1000} s)\n` +
      `${pad('op', 5)}${lpad('clients', 8)}${lpad('plain', 14)}${lpad('LIST-capable', 14)}${lpad('ratio', 8)}\n${rows.join('\n')}\n`,
  );
}

try {
  await main();
} finally {
  await cleanup();
}
