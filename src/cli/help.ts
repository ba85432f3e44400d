import type { CommandSpec } from './command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from './common-flags.js';
import type { FlagSpec, FlagType } from './flags.js';

const COMMON = ['read', 'write', 'delete', 'list', 'login', 'server', 'status', 'unwrap'];

/** Top-level help, in the shape of `vault -h`. */
export function rootHelp(specs: readonly CommandSpec[]): string {
  const top = [...new Set(specs.filter((s) => !s.hidden).map((s) => s.name.split(' ')[0] ?? ''))].sort();
  const summaryOf = (name: string) => specs.find((s) => s.name === name)?.summary ?? groupSummary(name);
  const width = Math.max(...top.map((n) => n.length)) + 4;
  const row = (name: string) => `    ${name.padEnd(width)}${summaryOf(name)}`;
  return [
    'Usage: hvr <command> [args]',
    '',
    'Common commands:',
    ...COMMON.filter((n) => top.includes(n)).map(row),
    '',
    'Other commands:',
    ...top.filter((n) => !COMMON.includes(n)).map(row),
    '',
  ].join('\n');
}

const GROUPS: Record<string, string> = {
  audit: 'Interact with audit devices',
  auth: 'Interact with auth methods',
  kv: "Interact with Vault's Key-Value storage",
  lease: 'Interact with leases',
  print: 'Prints runtime configurations',
  operator: 'Perform operator-specific tasks',
  policy: 'Interact with policies',
  replication: 'Watch and wait on replication (hvr)',
  secrets: 'Interact with secrets engines',
  token: 'Interact with tokens',
};

const groupSummary = (name: string): string => GROUPS[name] ?? '';

/** Help for a group (`hvr token`): its subcommands. */
export function groupHelp(group: string, specs: readonly CommandSpec[]): string {
  const subs = specs.filter((s) => s.name.startsWith(`${group} `));
  const width = Math.max(...subs.map((s) => s.name.length - group.length - 1)) + 4;
  return [
    `Usage: hvr ${group} <subcommand> [options] [args]`,
    '',
    `  ${groupSummary(group)}`,
    '',
    'Subcommands:',
    ...subs.map((s) => `    ${s.name.slice(group.length + 1).padEnd(width)}${s.summary}`),
    '',
  ].join('\n');
}

/** Help for one command: usage, text, then its flags by section, as Vault prints them. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${spec.usage}`, '', `  ${spec.summary}`];
  if (spec.help) lines.push('', ...spec.help.split('\n').map((l) => (l === '' ? '' : `  ${l}`)));
  // Vault's FlagSets: HTTP Options, Output Options, then the command's own.
  const visible = spec.flags.filter((f) => !f.hidden);
  const http = new Set(HTTP_FLAGS.map((f) => f.name));
  const output = new Set(OUTPUT_FLAGS.map((f) => f.name));
  const own = visible.filter((f) => !http.has(f.name) && !output.has(f.name));
  const extra = [...new Set(own.map((f) => f.section).filter((s): s is string => s !== undefined))];
  const sections: Array<[string, FlagSpec[]]> = [
    ['HTTP Options', visible.filter((f) => http.has(f.name))],
    ['Output Options', visible.filter((f) => output.has(f.name))],
    ['Command Options', own.filter((f) => f.section === undefined)],
    ...extra.map((title): [string, FlagSpec[]] => [title, own.filter((f) => f.section === title)]),
  ];
  for (const [title, flags] of sections) {
    if (flags.length === 0) continue;
    lines.push('', `${title}:`, '');
    for (const flag of flags) lines.push(...flagHelp(flag));
  }
  lines.push('');
  return lines.join('\n');
}

const VALUE_NAMES: Readonly<Record<Exclude<FlagType, 'bool'>, string>> = {
  string: 'string',
  'string-slice': 'string',
  int: 'int',
  uint: 'uint',
  duration: 'duration',
  map: 'key=value',
};

function flagHelp(flag: FlagSpec): string[] {
  // Vault's flag help names the Go type of the value (base/flags.go): <duration>, <int>, <uint>…
  const kind = flag.type === 'bool' ? '' : `=<${VALUE_NAMES[flag.type]}>`;
  const env = flag.env ? ` This can also be specified via the ${flag.env} environment variable.` : '';
  return [`  -${flag.name}${kind}`, `      ${flag.usage}${env}`, ''];
}

/** Levenshtein distance, for the suggestion after an unknown command. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** `Unknown command: X`, and the closest top-level command when one is near (edit distance ≤ 2). */
export function unknownCommand(word: string, specs: readonly CommandSpec[]): string {
  const top = [...new Set(specs.filter((s) => !s.hidden).map((s) => s.name.split(' ')[0] ?? ''))];
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of top) {
    const d = name.startsWith(word) && word.length >= 2 ? 1 : distance(word, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return `\nUnknown command: ${word}\n${best === undefined ? '' : `Did you mean "${best}"?\n`}`;
}
