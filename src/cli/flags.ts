import { parseGoBool } from '../gocompat/parse-bool.js';
/**
 * Go `flag` semantics, as Vault's CLI has them: `-name` or `--name`, `-name=value` or
 * `-name value`, booleans as `-name` or `-name=false`; parsing stops at the first argument
 * that is not a flag (or after `--`). Commander gives hvr its command tree; flags are
 * parsed here so `vault` scripts behave the same.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'uint' | 'duration' | 'string-slice' | 'map';

export interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  readonly usage: string;
  readonly aliases?: readonly string[];
  /** Environment variable that supplies the default (Vault's EnvVar). */
  readonly env?: string;
  readonly default?: string | boolean;
  /** Values for shell completion (e.g. -format). */
  readonly completions?: readonly string[];
  readonly hidden?: boolean;
  /** The help section a command's own flag is listed under (Vault's "Dev Options"); default "Command Options". */
  readonly section?: string;
}

export type FlagValue = string | boolean | string[] | Record<string, string>;

export interface ParsedFlags {
  readonly values: ReadonlyMap<string, FlagValue>;
  /** Which flags were given on the command line (not from env or defaults). */
  readonly given: ReadonlySet<string>;
  readonly positionals: string[];
}

export class FlagError extends Error {
  override readonly name = 'FlagError';
}

/** Vault's global flags, which are never warned about after positionals. */
const GLOBAL_FLAGS = new Set(['output-curl-string', 'output-policy', 'format', 'detailed']);

export function parseFlags(
  specs: readonly FlagSpec[],
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) {
    byName.set(spec.name, spec);
    for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  }
  const values = new Map<string, FlagValue>();
  const given = new Set<string>();
  // Repeated slice flags append; the first one given replaces the env default.
  const fromFlags = new Map<string, string[]>();
  for (const spec of specs) {
    const fromEnv = spec.env ? env[spec.env] : undefined;
    if (fromEnv !== undefined && fromEnv !== '') {
      values.set(
        spec.name,
        spec.type === 'bool'
          ? parseBool(spec.name, fromEnv)
          : spec.type === 'string-slice'
            ? fromEnv.split(',')
            : fromEnv,
      );
    } else if (spec.default !== undefined) {
      values.set(spec.name, spec.default);
    }
  }
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const body = arg.replace(/^--?/, '');
    if (body === '' || body.startsWith('-') || body.startsWith('='))
      throw new FlagError(`bad flag syntax: ${arg}`);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const spec = byName.get(name);
    if (!spec) throw new FlagError(`flag provided but not defined: -${name}`);
    let raw: string;
    if (spec.type === 'bool') {
      raw = eq === -1 ? 'true' : body.slice(eq + 1);
      values.set(spec.name, parseBool(name, raw));
      given.add(spec.name);
      continue;
    }
    if (eq !== -1) raw = body.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next === undefined) throw new FlagError(`flag needs an argument: -${name}`);
      raw = next;
      i++;
    }
    given.add(spec.name);
    if (spec.type === 'string-slice') {
      const list = fromFlags.get(spec.name) ?? [];
      list.push(raw);
      fromFlags.set(spec.name, list);
      values.set(spec.name, list);
    } else if (spec.type === 'map') {
      const eqAt = raw.indexOf('=');
      if (eqAt === -1)
        throw new FlagError(`invalid value "${raw}" for flag -${name}: missing = in KV pair: "${raw}"`);
      const current = values.get(spec.name);
      const map = current && typeof current === 'object' && !Array.isArray(current) ? { ...current } : {};
      map[raw.slice(0, eqAt)] = raw.slice(eqAt + 1);
      values.set(spec.name, map);
    } else if (spec.type === 'int' || spec.type === 'uint') {
      // strconv.ParseInt / ParseUint: a uint takes no sign.
      if (!(spec.type === 'int' ? /^[-+]?\d+$/ : /^\d+$/).test(raw))
        throw new FlagError(`invalid value "${raw}" for flag -${name}: parse error`);
      values.set(spec.name, raw);
    } else {
      values.set(spec.name, raw);
    }
  }
  return { values, given, positionals: args.slice(i) };
}

function parseBool(name: string, raw: string): boolean {
  const parsed = parseGoBool(raw);
  if (parsed === undefined) throw new FlagError(`invalid boolean value "${raw}" for -${name}: parse error`);
  return parsed;
}

/**
 * Arguments after the positionals that look like flags: Vault warns and treats them as
 * positionals (`-` alone and the global flags are exempt).
 */
export function trailingFlagWarning(positionals: readonly string[]): string | undefined {
  const flagged = positionals.slice(1).filter((arg) => {
    if (!arg.startsWith('-') || arg === '-') return false;
    const name = arg.replace(/^--?/, '').split('=')[0] ?? '';
    return !GLOBAL_FLAGS.has(name);
  });
  if (flagged.length === 0) return undefined;
  return `Command flags must be provided before positional arguments. The following arguments will not be parsed as flags: [${flagged.join(',')}]`;
}

export const flagString = (flags: ParsedFlags, name: string): string | undefined => {
  const v = flags.values.get(name);
  return typeof v === 'string' ? v : undefined;
};

export const flagBool = (flags: ParsedFlags, name: string): boolean => flags.values.get(name) === true;

export const flagList = (flags: ParsedFlags, name: string): string[] => {
  const v = flags.values.get(name);
  return Array.isArray(v) ? v : [];
};

export const flagMap = (flags: ParsedFlags, name: string): Record<string, string> => {
  const v = flags.values.get(name);
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
};
