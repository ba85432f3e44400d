import type { FlagSpec } from '../../flags.js';

const mountUsage = (prefix: string): string =>
  'Specifies the path where the KV backend is mounted. If specified, the next argument will be ' +
  'interpreted as the secret path. If this flag is not specified, the next argument will be ' +
  `interpreted as the combined mount path and secret path, with /${prefix}/ automatically ` +
  'appended between KV v2 secrets.';

/** `-mount`, worded for the API prefix the command adds (`data` or `metadata`). */
export const mountFlag = (prefix: 'data' | 'metadata'): FlagSpec => ({
  name: 'mount',
  type: 'string',
  usage: mountUsage(prefix),
});

/** `-versions` (repeatable, each value comma-separated). */
export const versionsFlag = (verb: string): FlagSpec => ({
  name: 'versions',
  type: 'string-slice',
  usage: `Specifies the version numbers to ${verb}.`,
});

/** Vault's `kvParseVersionsFlags`: every value split on commas and trimmed. */
export function parseVersions(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed === '') continue;
    out.push(...trimmed.split(',').map((v) => v.trim()));
  }
  return out;
}

/** An `IntVar` value: the flag's text as a number, or the default when not given. */
export function intFlag(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  return Number.parseInt(raw, 10);
}
