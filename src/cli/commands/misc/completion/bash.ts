// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell code, where ${...} is the shell's.

import { LIVE_COMPLETION_COMMANDS } from '../complete-paths.js';
import { type CompletionModel, flagEntries, flagTakesFreeText, flagValues } from './model.js';

const q = (s: string): string => `'${s.replaceAll("'", `'"'"'`)}'`;
/** A case pattern: quoted, except a leading `*:` that must stay a glob. */
const pattern = (key: string): string => (key.startsWith('*:') ? `*:${q(key.slice(2))}` : q(key));

/** `case` arms mapping each key to a word list, keys that share a list folded into one arm. */
function caseArms(entries: Iterable<readonly [string, readonly string[]]>, indent: string): string[] {
  const byList = new Map<string, string[]>();
  for (const [key, list] of entries) {
    if (list.length === 0) continue;
    const words = list.join(' ');
    const keys = byList.get(words) ?? [];
    keys.push(key);
    byList.set(words, keys);
  }
  return [...byList.entries()].map(
    ([words, keys]) => `${indent}${keys.map(pattern).join('|')}) echo ${q(words)} ;;`,
  );
}

/**
 * A bash completion script: `source <(hvr completion bash)` or copy it to
 * /etc/bash_completion.d/hvr. Flags may be written `-flag value` or `-flag=value`.
 */
export function bashScript(model: CompletionModel): string {
  const flagArms: [string, string[]][] = [];
  const argArms: [string, string[]][] = [];
  for (const cmd of model.commands.values()) {
    flagArms.push([cmd.name, cmd.flags.flatMap((f) => f.names)]);
    argArms.push([cmd.name, [...cmd.args]]);
  }
  const valueArms = flagEntries(model, flagValues).map(([k, v]): [string, string[]] => [k, v.split(' ')]);
  const takesValue = flagEntries(model, flagTakesFreeText).map(([k]) => k);
  const children = [...model.children.entries()].map(([k, v]): [string, string[]] => [k, [...v]]);
  const lines = [
    '# bash completion for hvr. Generated from the command list by `hvr completion bash`; do not edit.',
    '# Use: source <(hvr completion bash), or copy this file to /etc/bash_completion.d/hvr.',
    '',
    '_hvr_children() {',
    '  case "$1" in',
    ...caseArms(children, '    '),
    '  esac',
    '}',
    '',
    '_hvr_node() {',
    '  case "$1" in',
    `    ${[...model.summaries.keys()].sort().map(q).join('|')}) return 0 ;;`,
    '  esac',
    '  return 1',
    '}',
    '',
    '_hvr_flags() {',
    '  case "$1" in',
    ...caseArms(flagArms, '    '),
    '  esac',
    '}',
    '',
    '_hvr_values() {',
    '  case "$1" in',
    ...caseArms(valueArms, '    '),
    '  esac',
    '}',
    '',
    '_hvr_takes_value() {',
    '  case "$1" in',
    ...(takesValue.length > 0 ? [`    ${takesValue.map(pattern).join('|')}) return 0 ;;`] : []),
    '  esac',
    '  return 1',
    '}',
    '',
    '_hvr_args() {',
    '  case "$1" in',
    ...caseArms(argArms, '    '),
    '  esac',
    '}',
    '',
    '_hvr() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" w next i',
    '  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  for (( i = 1; i < COMP_CWORD; i++ )); do',
    '    w="${COMP_WORDS[i]}"',
    '    [[ $w == -* || $w == = ]] && continue',
    '    next="${cmd:+$cmd }$w"',
    '    if _hvr_node "$next"; then cmd="$next"; else break; fi',
    '  done',
    '  COMPREPLY=()',
    '  # -flag=value: bash splits at "=", so the flag is one or two words back.',
    '  if [[ $cur == = ]]; then',
    '    COMPREPLY=( $(compgen -W "$(_hvr_values "$cmd:$prev")" -- "") )',
    '    return 0',
    '  fi',
    '  if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then',
    '    COMPREPLY=( $(compgen -W "$(_hvr_values "$cmd:${COMP_WORDS[COMP_CWORD-2]}")" -- "$cur") )',
    '    return 0',
    '  fi',
    '  if [[ $cur == -*=* ]]; then',
    '    local flag="${cur%%=*}"',
    '    COMPREPLY=( $(compgen -P "$flag=" -W "$(_hvr_values "$cmd:$flag")" -- "${cur#*=}") )',
    '    return 0',
    '  fi',
    '  if [[ $prev == -* ]]; then',
    '    local values',
    '    values="$(_hvr_values "$cmd:$prev")"',
    '    if [[ -n $values ]]; then',
    '      COMPREPLY=( $(compgen -W "$values" -- "$cur") )',
    '      return 0',
    '    fi',
    '    _hvr_takes_value "$cmd:$prev" && return 0',
    '  fi',
    '  if [[ $cur == -* ]]; then',
    '    COMPREPLY=( $(compgen -W "$(_hvr_flags "$cmd")" -- "$cur") )',
    '    return 0',
    '  fi',
    '  local words',
    '  words="$(_hvr_children "$cmd")"',
    '  [[ -z $words ]] && words="$(_hvr_args "$cmd")"',
    '  case "$cmd" in',
    `    ${LIVE_COMPLETION_COMMANDS.map((c) => `'${c}'`).join('|')})`,
    '      # Paths from the live node (or the embedded one); __complete gives up after 5s.',
    '      words="$words $(hvr __complete "$cmd" "$cur" 2>/dev/null)"',
    '      COMPREPLY=( $(compgen -W "$words" -- "$cur") )',
    '      [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null',
    '      return 0 ;;',
    '  esac',
    '  COMPREPLY=( $(compgen -W "$words" -- "$cur") )',
    '  return 0',
    '}',
    '',
    'complete -F _hvr hvr',
    '',
  ];
  return lines.join('\n');
}
