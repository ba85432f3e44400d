import { LIVE_COMPLETION_COMMANDS } from '../complete-paths.js';
import type { CompletionModel } from './model.js';

const q = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * A fish completion script: save it as ~/.config/fish/completions/hvr.fish, or
 * `hvr completion fish | source`. `__hvr_at WORDS` is true when the command line has walked
 * exactly that far down the command tree.
 */
export function fishScript(model: CompletionModel): string {
  const nodes = [...model.summaries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = [
    '# fish completion for hvr. Generated from the command list by `hvr completion fish`; do not edit.',
    '# Use: save as ~/.config/fish/completions/hvr.fish, or hvr completion fish | source.',
    '',
    `set -g __hvr_nodes ${nodes.map(q).join(' ')}`,
    '',
    'function __hvr_path',
    '    set -l tokens (commandline -opc)',
    '    set -l cmd',
    '    for w in $tokens[2..-1]',
    "        string match -q -- '-*' $w; and continue",
    "        set -l next (string join ' ' $cmd $w)",
    '        if contains -- $next $__hvr_nodes',
    '            set cmd $cmd $w',
    '        else',
    '            break',
    '        end',
    '    end',
    "    string join ' ' $cmd",
    'end',
    '',
    'function __hvr_at',
    '    set -l here (__hvr_path)',
    '    test "$here" = "$argv"',
    'end',
    '',
    'function __hvr_in',
    '    set -l here (__hvr_path)',
    '    contains -- "$here" $argv',
    'end',
    '',
    '# Paths from the live node (or the embedded one); __complete gives up after 5s.',
    'function __hvr_live',
    '    set -l here (__hvr_path)',
    '    hvr __complete "$here" (commandline -ct) 2>/dev/null',
    'end',
    '',
    'complete -c hvr -f',
    `complete -c hvr -n ${q(`__hvr_in ${LIVE_COMPLETION_COMMANDS.map(q).join(' ')}`)} -a '(__hvr_live)'`,
  ];
  for (const [parent, words] of model.children) {
    for (const word of words) {
      const full = parent === '' ? word : `${parent} ${word}`;
      const summary = model.summaries.get(full) ?? '';
      lines.push(
        `complete -c hvr -n ${q(`__hvr_at ${parent}`.trimEnd())} -a ${q(word)}${summary ? ` -d ${q(summary)}` : ''}`,
      );
    }
  }
  // Each distinct flag once, offered wherever the command path is one of the commands that have it.
  const flagLines = new Map<string, string[]>();
  for (const cmd of model.commands.values()) {
    for (const flag of cmd.flags) {
      const names = flag.names.map((n) => `-o ${n.slice(1)}`).join(' ');
      const value =
        flag.values.length > 0 ? ` -x -a ${q(flag.values.join(' '))}` : flag.takesValue ? ' -r' : '';
      const tail = `${names}${value} -d ${q(flag.description)}`;
      const users = flagLines.get(tail) ?? [];
      users.push(cmd.name);
      flagLines.set(tail, users);
    }
  }
  for (const [tail, users] of [...flagLines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`complete -c hvr -n ${q(`__hvr_in ${users.map(q).join(' ')}`)} ${tail}`);
  }
  for (const cmd of model.commands.values()) {
    if (cmd.args.length > 0)
      lines.push(`complete -c hvr -n ${q(`__hvr_at ${cmd.name}`)} -a ${q(cmd.args.join(' '))}`);
  }
  lines.push('');
  return lines.join('\n');
}
