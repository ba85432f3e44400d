import type { CommandSpec } from '../../../command.js';
import { REPLICATION_LIST_PREFIXES, REPLICATION_PATHS } from '../replication-paths.js';

/** One flag as a shell completes it. */
export interface FlagCompletion {
  /** `-name` and each `-alias`. */
  readonly names: readonly string[];
  readonly takesValue: boolean;
  /** Values to offer after the flag (FlagSpec.completions), if any. */
  readonly values: readonly string[];
  /** One line for shells that show descriptions. */
  readonly description: string;
}

export interface CommandCompletion {
  readonly name: string;
  readonly summary: string;
  readonly flags: readonly FlagCompletion[];
  /** Positional values to offer (paths, shell names). */
  readonly args: readonly string[];
}

/**
 * Everything a completion script needs, drawn from COMMANDS: the command tree (`''` is the
 * top level), each command's flags with their values, and positional values. Sorted, so the
 * generated scripts only change when the commands do.
 */
export interface CompletionModel {
  /** Path → the words that may follow it (subcommands and group names). */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Full command name → its completion. */
  readonly commands: ReadonlyMap<string, CommandCompletion>;
  /** Word path → a one-line summary (commands and groups). */
  readonly summaries: ReadonlyMap<string, string>;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The first sentence of a usage text, for descriptions. */
export function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return (end === -1 ? text : text.slice(0, end)).replace(/\s+/g, ' ').trim();
}

export function completionModel(
  specs: readonly CommandSpec[],
  groupSummary: (group: string) => string,
): CompletionModel {
  const children = new Map<string, Set<string>>();
  const summaries = new Map<string, string>();
  const commands = new Map<string, CommandCompletion>();
  const topWords = [...new Set(specs.map((s) => s.name.split(' ')[0] ?? ''))].sort(byCodePoint);
  for (const spec of specs) {
    const words = spec.name.split(' ');
    for (let i = 0; i < words.length; i++) {
      const parent = words.slice(0, i).join(' ');
      const here = words.slice(0, i + 1).join(' ');
      let set = children.get(parent);
      if (!set) {
        set = new Set();
        children.set(parent, set);
      }
      set.add(words[i] ?? '');
      if (i < words.length - 1 && !summaries.has(here)) summaries.set(here, groupSummary(here));
    }
    summaries.set(spec.name, spec.summary);
    commands.set(spec.name, {
      name: spec.name,
      summary: spec.summary,
      flags: flagsOf(spec),
      args: argsOf(spec.name, topWords),
    });
  }
  const sorted = new Map<string, readonly string[]>();
  for (const key of [...children.keys()].sort(byCodePoint)) {
    sorted.set(key, [...(children.get(key) ?? [])].sort(byCodePoint));
  }
  const sortedCommands = new Map([...commands.entries()].sort(([a], [b]) => byCodePoint(a, b)));
  return { children: sorted, commands: sortedCommands, summaries };
}

function flagsOf(spec: CommandSpec): FlagCompletion[] {
  const seen = new Set<string>();
  const out: FlagCompletion[] = [];
  for (const flag of spec.flags) {
    if (flag.hidden || seen.has(flag.name)) continue;
    seen.add(flag.name);
    out.push({
      names: [flag.name, ...(flag.aliases ?? [])].map((n) => `-${n}`),
      takesValue: flag.type !== 'bool',
      values: [...(flag.completions ?? [])],
      description: firstSentence(flag.usage),
    });
  }
  return out;
}

/** Positional values: sys/replication paths for the generic verbs, shells, command names. */
function argsOf(name: string, topWords: readonly string[]): readonly string[] {
  switch (name) {
    case 'read':
    case 'write':
    case 'patch':
    case 'delete':
      return REPLICATION_PATHS;
    case 'list':
      return REPLICATION_LIST_PREFIXES;
    case 'completion':
      return SHELLS;
    case 'help':
      return topWords;
    default:
      return [];
  }
}

/**
 * Flag facts keyed `command:-flag`, folded into `*:-flag` when every command that has the
 * flag gives the same answer: the scripts stay small and still exact.
 */
export function flagEntries(
  model: CompletionModel,
  value: (flag: FlagCompletion) => string | undefined,
): [string, string][] {
  const byName = new Map<string, [string, string | undefined][]>();
  for (const cmd of model.commands.values()) {
    for (const flag of cmd.flags) {
      for (const name of flag.names) {
        const list = byName.get(name) ?? [];
        list.push([cmd.name, value(flag)]);
        byName.set(name, list);
      }
    }
  }
  const out: [string, string][] = [];
  for (const [name, uses] of byName) {
    const first = uses[0]?.[1];
    if (first !== undefined && uses.every(([, v]) => v === first)) {
      out.push([`*:${name}`, first]);
      continue;
    }
    for (const [cmd, v] of uses) if (v !== undefined) out.push([`${cmd}:${name}`, v]);
  }
  return out.sort(([a], [b]) => byCodePoint(a, b));
}

/** What the value-taking flags offer: their completions, or `''` for free text. */
export const flagValues = (flag: FlagCompletion): string | undefined =>
  flag.values.length > 0 ? flag.values.join(' ') : undefined;

export const flagTakesFreeText = (flag: FlagCompletion): string | undefined =>
  flag.takesValue && flag.values.length === 0 ? '1' : undefined;
