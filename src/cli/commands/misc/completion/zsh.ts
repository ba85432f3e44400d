// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are shell code, where ${...} is the shell's.
import { LIVE_COMPLETION_COMMANDS } from '../complete-paths.js';
import { type CompletionModel, flagEntries, flagTakesFreeText, flagValues } from './model.js';

const q = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
/** The top level's key: zsh associative arrays are awkward with an empty key. */
const TOP = '.';

function assoc(name: string, entries: Iterable<readonly [string, string]>): string[] {
  const rows = [...entries].filter(([, v]) => v !== '').map(([k, v]) => `  ${q(k)} ${q(v)}`);
  return [`typeset -gA ${name}`, `${name}=(`, ...rows, ')'];
}

/**
 * A zsh completion script: put it on $fpath as `_hvr`, or `source <(hvr completion zsh)`
 * after compinit. The data lives in associative arrays; one function walks the words.
 */
export function zshScript(model: CompletionModel): string {
  const children: [string, string][] = [...model.children].map(([k, v]) => [k === '' ? TOP : k, v.join(' ')]);
  const flags: [string, string][] = [];
  const args: [string, string][] = [];
  for (const cmd of model.commands.values()) {
    flags.push([cmd.name, cmd.flags.flatMap((f) => f.names).join(' ')]);
    args.push([cmd.name, cmd.args.join(' ')]);
  }
  // Keys may be `*:-flag` patterns, looked up with the (k) subscript flag.
  const values = flagEntries(model, flagValues);
  const takesValue = flagEntries(model, flagTakesFreeText);
  return [
    '#compdef hvr',
    '# zsh completion for hvr. Generated from the command list by `hvr completion zsh`; do not edit.',
    '# Use: save as _hvr in a directory on $fpath, or source <(hvr completion zsh) after compinit.',
    '',
    ...assoc(
      '_hvr_nodes',
      [...model.summaries.keys()].sort().map((k): [string, string] => [k, '1']),
    ),
    ...assoc('_hvr_children', children),
    ...assoc('_hvr_flags', flags),
    ...assoc('_hvr_values', values),
    ...assoc('_hvr_takes_value', takesValue),
    ...assoc('_hvr_args', args),
    '',
    '_hvr() {',
    '  local cmd="" w next i cur="${words[CURRENT]}" prev="${words[CURRENT-1]}"',
    '  for (( i = 2; i < CURRENT; i++ )); do',
    '    w="${words[i]}"',
    '    [[ $w == -* ]] && continue',
    '    next="${cmd:+$cmd }$w"',
    '    if (( ${+_hvr_nodes[$next]} )); then cmd="$next"; else break; fi',
    '  done',
    '  if [[ $cur == -*=* ]]; then',
    '    local flag="${cur%%=*}"',
    '    compadd -P "$flag=" -- ${=_hvr_values[(k)$cmd:$flag]}',
    '    return',
    '  fi',
    '  if [[ $prev == -* ]]; then',
    '    if [[ -n ${_hvr_values[(k)$cmd:$prev]} ]]; then',
    '      compadd -- ${=_hvr_values[(k)$cmd:$prev]}',
    '      return',
    '    fi',
    '    [[ -n ${_hvr_takes_value[(k)$cmd:$prev]} ]] && return',
    '  fi',
    '  if [[ $cur == -* ]]; then',
    '    compadd -- ${=_hvr_flags[$cmd]}',
    '    return',
    '  fi',
    '  case "$cmd" in',
    `    (${LIVE_COMPLETION_COMMANDS.map(q).join('|')})`,
    '      # Paths from the live node (or the embedded one); __complete gives up after 5s.',
    '      local -a live',
    '      live=( ${(f)"$(hvr __complete "$cmd" "$cur" 2>/dev/null)"} )',
    '      compadd -- ${=_hvr_args[$cmd]}',
    "      compadd -S '' -- ${(M)live:#*/}",
    '      compadd -- ${live:#*/}',
    '      return ;;',
    '  esac',
    `  local key="\${cmd:-${TOP}}"`,
    '  if (( ${+_hvr_children[$key]} )); then',
    '    compadd -- ${=_hvr_children[$key]}',
    '  else',
    '    compadd -- ${=_hvr_args[$cmd]}',
    '  fi',
    '}',
    '',
    'if [[ "${funcstack[1]}" == _hvr ]]; then',
    '  _hvr "$@"',
    'else',
    '  compdef _hvr hvr',
    'fi',
    '',
  ].join('\n');
}
