/**
 * Process plumbing shared by the benchmark orchestrators (kv-http, replication, failover):
 * spawned children and temp dirs are tracked and removed on exit or SIGINT/SIGTERM, servers are awaited until they print their API address, and bench
 * scripts run as children that print one JSON line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const HVR_BIN = join(ROOT, 'bin', 'hvr.js');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

const env = process.env;

/** A positive number from the environment, or `fallback` when unset. */
export const numEnv = (name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
};

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
/** Set once SIGINT/SIGTERM arrived: failures after that are the children being stopped. */
export let interrupted = false;

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

const alive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/** Stops every child still running (SIGTERM, SIGKILL after 3 s) and removes the temp dirs. */
export async function cleanup(): Promise<void> {
  const waiting = [...children].filter(alive).map(
    (child) =>
      new Promise<void>((done) => {
        const force = setTimeout(() => {
          if (alive(child)) child.kill('SIGKILL');
        }, 3000);
        child.once('exit', () => {
          clearTimeout(force);
          done();
        });
        child.kill('SIGTERM');
      }),
  );
  await Promise.all(waiting);
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

// Last resort (process.exit, uncaught errors): synchronous kill and removal.
process.on('exit', () => {
  for (const child of children) if (alive(child)) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping children and removing temp dirs\n`);
    cleanup().finally(() => process.exit(130));
  });
}

export interface Server {
  readonly name: string;
  readonly origin: string;
  readonly pid: number;
  output(): string;
  /** Sends `signal` (SIGTERM by default; SIGKILL after 5 s) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns a node process and waits for it to print `Api Address: ...` and `readyMarker`. */
export async function startServer(
  name: string,
  args: readonly string[],
  readyMarker: string,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, VAULT_ADDR: '', VAULT_TOKEN: '', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  const keep = (chunk: Buffer): void => {
    out += chunk.toString('utf8');
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const origin = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`${name} did not start within 30 s:\n${out}`));
    }, 30_000);
    const check = (): void => {
      const match = /Api Address: (\S+)/.exec(out);
      if (match?.[1] && out.includes(readyMarker)) {
        clearTimeout(timer);
        done(new URL(match[1]).origin);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
  return {
    name,
    origin,
    pid: child.pid ?? 0,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (alive(child)) child.kill(signal);
      const force = setTimeout(() => {
        if (alive(child)) child.kill('SIGKILL');
      }, 5000);
      await exited;
      clearTimeout(force);
      children.delete(child);
    },
  };
}

/** Runs a bench script to completion in its own process; parses the JSON line it prints. */
export function runJsonChild<T>(script: string, config: unknown): Promise<T> {
  return new Promise<T>((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(config)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (code !== 0) {
        fail(new Error(`${script} exited with ${code ?? signal}:\n${stderr}${stdout}`));
        return;
      }
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        done(JSON.parse(line) as T);
      } catch {
        fail(new Error(`${script} printed no JSON result:\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** One Vault API call; throws on a non-2xx status. */
export async function api(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${origin}/v1/${path}`, {
    method,
    headers: { ...(token ? { 'x-vault-token': token } : {}), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /v1/${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** A port the OS just handed out and released: for nodes that keep their address across restarts. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export const fmtInt = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';
export const fmtMs = (n: number): string =>
  Number.isFinite(n) ? (Math.abs(n) < 10 ? n.toFixed(2) : n.toFixed(1)) : '-';
export const fmtRatio = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '-');
export const fmtBytes = (n: number): string => {
  if (!Number.isFinite(n)) return '-';
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
};
export const fmtRange = (values: readonly number[]): string => {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return '';
  return `[${fmtRatio(Math.min(...finite))}-${fmtRatio(Math.max(...finite))}]`;
};
export const pad = (s: string, n: number): string => s.padEnd(n);
export const lpad = (s: string, n: number): string => s.padStart(n);

export interface ProcStats {
  /** User + system CPU time of the process so far, ms (clock-tick resolution). */
  readonly cpuMs: number;
  /** Bytes the process passed to write()-like calls so far (/proc/<pid>/io wchar). */
  readonly wchar: number;
}

/** CPU time and bytes written of a running process, from /proc (Linux); NaN elsewhere. */
export function procStats(pid: number): ProcStats {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const wchar = Number(/^wchar: (\d+)/m.exec(io)?.[1] ?? Number.NaN);
    return { cpuMs: (ticks * 1000) / CLOCK_TICKS, wchar };
  } catch {
    return { cpuMs: Number.NaN, wchar: Number.NaN };
  }
}
/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;
