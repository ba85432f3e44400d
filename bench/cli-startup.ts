/**
 * `npm run bench:cli`: how long the CLI takes to start, as a ratio to bare Node measured in the
 * same run. Three commands, run as a user runs them (a fresh process each time):
 *   - `node -e 0`                 the floor: starting Node itself;
 *   - `hvr version`               a local command: module loading and argument parsing only;
 *   - `hvr read sys/health`       an embedded call: opens the local cluster (already created,
 *                                 in a temp HVR_HOME), unseals it, answers, closes;
 *   - `hvr read secret/data/bench` the figure: an embedded KV v2 read (token lookup,
 *                                 ACL, storage read, decrypt), the secret written beforehand;
 *   - `hvr kv get secret/bench`   the same through `kv get` (mount preflight, then the read).
 * Rounds are interleaved (one of each per round, the order rotating) so that load on the
 * machine hits all three alike; the table gives medians over rounds and the median of the
 * per-round ratios. Targets: `hvr version` within 1.5x of bare Node, the embedded KV read
 * within 3x (issue 13). The summary also goes to bench/results/cli-startup.json.
 *
 * Environment:
 *   HVR_BENCH_CLI_ROUNDS=40   measured rounds (after 3 warm-up rounds)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, percentile } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const HVR_BIN = join(ROOT, 'bin', 'hvr.js');
const ROUNDS = Number(process.env.HVR_BENCH_CLI_ROUNDS ?? '40');
const WARMUP = 3;

interface Case {
  readonly label: string;
  readonly args: readonly string[];
}

const home = mkdtempSync(join(tmpdir(), 'hvr-bench-cli-'));
const env: Record<string, string> = {};
for (const [k, v] of Object.entries({
  ...process.env,
  HVR_HOME: join(home, 'hvr'),
  HOME: home,
  NO_COLOR: '1',
})) {
  if (v !== undefined && k !== 'VAULT_ADDR' && k !== 'VAULT_TOKEN') env[k] = v;
}

const CASES: readonly Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'hvr version', args: [HVR_BIN, 'version'] },
  { label: 'hvr read sys/health (embedded)', args: [HVR_BIN, 'read', 'sys/health'] },
  { label: 'hvr read secret/data/bench (emb.)', args: [HVR_BIN, 'read', 'secret/data/bench'] },
  { label: 'hvr kv get secret/bench (emb.)', args: [HVR_BIN, 'kv', 'get', 'secret/bench'] },
];
const SETUP: readonly Case[] = [
  { label: 'create the local cluster', args: [HVR_BIN, 'read', 'sys/health'] },
  {
    label: 'write the secret',
    args: [HVR_BIN, 'kv', 'put', 'secret/bench', 'username=bench', 'password=p4ss'],
  },
];

/** Wall time of one process, start to exit, in ms; throws when it fails. */
function timeOnce(c: Case): number {
  const start = process.hrtime.bigint();
  const res = spawnSync(process.execPath, c.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 0) throw new Error(`${c.label} exited ${res.status}: ${res.stderr.toString('utf8')}`);
  return ms;
}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function main(): void {
  // Create the local cluster and the secret once, outside the measurement.
  for (const c of SETUP) timeOnce(c);
  const times: number[][] = CASES.map(() => []);
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    for (let k = 0; k < CASES.length; k++) {
      const i = (round + k) % CASES.length;
      const ms = timeOnce(CASES[i] as Case);
      if (round >= WARMUP) times[i]?.push(ms);
    }
  }
  const floor = times[0] ?? [];
  const summary: Record<string, { medianMs: number; p10Ms: number; p90Ms: number; vsNode: number }> = {};
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  const ratio = (n: number) => `${n.toFixed(2)}x`.padStart(8);
  say(
    `CLI start-up, ${ROUNDS} interleaved rounds, node ${process.version}, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  say('');
  say(
    `${'command'.padEnd(36)}${'median'.padStart(8)}${'p10'.padStart(8)}${'p90'.padStart(8)}  ${'vs node'.padStart(8)}`,
  );
  CASES.forEach((c, i) => {
    const t = times[i] ?? [];
    const sorted = [...t].sort((a, b) => a - b);
    const perRound = t.map((ms, r) => ms / (floor[r] ?? Number.NaN));
    summary[c.label] = {
      medianMs: median(t),
      p10Ms: percentile(sorted, 10),
      p90Ms: percentile(sorted, 90),
      vsNode: median(perRound),
    };
    say(
      `${c.label.padEnd(36)}${fmt(median(t))}${fmt(percentile(sorted, 10))}${fmt(percentile(sorted, 90))}  ${ratio(median(perRound))}`,
    );
  });
  say('');
  say('Times in ms (wall clock, process start to exit). "vs node" is the median of per-round ratios.');
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = join(resultsDir, 'cli-startup.json');
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rounds: ROUNDS, loadavg: loadavg(), summary, times }, null, 2)}\n`,
  );
  say(`wrote ${out}`);
}

try {
  main();
} finally {
  rmSync(home, { recursive: true, force: true });
}
