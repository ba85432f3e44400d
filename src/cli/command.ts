import type { Client, HeaderValue } from '../client/client.js';
import type { Logical } from '../client/logical.js';
import type { FlagSpec, ParsedFlags } from './flags.js';
import type { StdinSource } from './kv-data.js';
import type { ExitCode } from './output/exit-code.js';
import type { Output } from './output/output.js';
import type { Streams } from './output/streams.js';

export type { ExitCode };
export type Env = Readonly<Record<string, string | undefined>>;

/** What a command gets: its parsed flags and positionals, the output, and a client made on demand. */
export interface CommandContext {
  readonly env: Env;
  readonly streams: Streams;
  readonly stdin: StdinSource;
  readonly flags: ParsedFlags;
  /** Positional arguments after the flags (data args included). */
  readonly args: readonly string[];
  readonly out: Output;
  client(): Promise<Client>;
  logical(): Promise<Logical>;
  /** Per-call headers from -policy-override and -mfa. */
  callHeaders(): Record<string, HeaderValue>;
  /** Closes the client if one was opened. */
  close(): Promise<void>;
}

export interface CommandSpec {
  /** Words after `hvr`: `read`, `token create`, `kv metadata get`. */
  readonly name: string;
  readonly summary: string;
  /** The usage line shown first in help: `Usage: vault read [options] PATH`. */
  readonly usage: string;
  /** Longer help text (Vault's Help()). */
  readonly help?: string;
  readonly flags: readonly FlagSpec[];
  /** Commands that never talk to a node (version, completion, server). */
  readonly local?: boolean;
  /** Plumbing for the shell scripts (`__complete`): left out of help and completion. */
  readonly hidden?: boolean;
  /** When true, -format=raw is accepted (only `read`). */
  readonly allowsRaw?: boolean;
  run(ctx: CommandContext): Promise<ExitCode>;
}

/** Vault's "Not enough arguments" / "Too many arguments" checks. */
export function checkArgs(ctx: CommandContext, min: number, max: number): ExitCode | undefined {
  const n = ctx.args.length;
  if (n < min) {
    return ctx.out.usageError(
      `Not enough arguments (expected ${min === max ? min : `${min}-${max}`}, got ${n})`,
    );
  }
  if (n > max) {
    return ctx.out.usageError(
      `Too many arguments (expected ${min === max ? max : `${min}-${max}`}, got ${n})`,
    );
  }
  return undefined;
}

/** Vault's sanitizePath: trim spaces and every leading and trailing slash. */
export const sanitizePath = (path: string): string => path.trim().replace(/^\/+|\/+$/g, '');

/** Vault's ensureTrailingSlash: trimmed, with one `/` added unless empty or already there. */
export const ensureTrailingSlash = (path: string): string => {
  const trimmed = path.trim();
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
};
