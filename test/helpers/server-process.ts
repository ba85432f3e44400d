import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { childEnv } from './child-env.js';
import { waitFor } from './wait-for.js';

export const HVR_BIN = resolve(import.meta.dirname, '../../bin/hvr.js');

export interface ServerProcess {
  readonly address: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything the process printed so far. */
  output(): string;
  rootToken(): string | undefined;
  unsealKey(): string | undefined;
  /** Sends a signal and waits for the process to exit; resolves to its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a real `hvr server` process. `args` are the server flags; the API address is read
 * from the configuration block the server prints.
 */
export async function startServerProcess(
  args: readonly string[],
  opts: { home?: string } = {},
): Promise<ServerProcess> {
  const home = opts.home ?? (await mkdtemp(join(tmpdir(), 'hvr-home-')));
  const child = spawn(process.execPath, [HVR_BIN, 'server', ...args], {
    env: childEnv({ HOME: home }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  let exited: number | null | undefined;
  const exitPromise = new Promise<number | null>((done) => {
    child.on('exit', (code) => {
      exited = code;
      done(code);
    });
  });
  const address = await waitFor(
    'the server to print its API address',
    async () => {
      if (exited !== undefined) throw new Error(`server exited with ${exited}:\n${out}`);
      const match = /Api Address: (\S+)/.exec(out);
      return match && out.includes('Vault server started!') ? match[1] : undefined;
    },
    30_000,
  );
  const field = (name: string) => new RegExp(`${name}: (\\S+)`).exec(out)?.[1];
  return {
    address,
    child,
    output: () => out,
    rootToken: () => field('Root Token'),
    unsealKey: () => field('Unseal Key'),
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exited === undefined) child.kill(signal);
      const code = await exitPromise;
      if (!opts.home) await rm(home, { recursive: true, force: true });
      return code;
    },
  };
}

export const devServer = (extra: readonly string[] = []) =>
  startServerProcess(['-dev', '-dev-listen-address=127.0.0.1:0', '-dev-no-store-token', ...extra]);
