import { goMarshal } from '../go-json-indent.js';
import { compareGoStrings } from '../go-strings.js';
import { goStruct, isGoMap, isGoStruct } from '../go-value.js';
import { findReadBackProblem } from './read-back-problems.js';

/**
 * ghodss/yaml hands `json.Marshal`'s text to yaml.v2's *parser*, which is not a JSON parser:
 * it rejects raw DEL/C1 control characters, treats a raw NEL (U+0085, which Go's JSON leaves
 * unescaped) as a line break that folds to a space, and fails on a mapping key that spans
 * lines or is over 1024 characters. This replays those effects on the value.
 */
export class YamlConversionError extends Error {
  override readonly name = 'YamlConversionError';
}

const NEL = '\u0085';

/** The scanner's folding of blanks and breaks inside a double-quoted scalar. */
export function foldQuoted(s: string): string {
  if (!s.includes(NEL)) return s;
  const chars = Array.from(s);
  let out = '';
  let i = 0;
  while (i < chars.length) {
    while (i < chars.length && chars[i] !== ' ' && chars[i] !== NEL) out += chars[i++];
    let whitespaces = '';
    let trailingBreaks = '';
    let leadingBlanks = false;
    for (; i < chars.length && (chars[i] === ' ' || chars[i] === NEL); i++) {
      if (chars[i] === ' ') {
        if (!leadingBlanks) whitespaces += ' ';
      } else if (leadingBlanks) {
        trailingBreaks += '\n';
      } else {
        whitespaces = '';
        leadingBlanks = true;
      }
    }
    out += leadingBlanks ? trailingBreaks || ' ' : whitespaces;
  }
  return out;
}

function fold(value: unknown): unknown {
  if (typeof value === 'string') return foldQuoted(value);
  if (Array.isArray(value)) return value.map(fold);
  if (isGoStruct(value)) return goStruct(value.fields.map(([k, v]) => [k, fold(v)] as const));
  if (isGoMap(value)) {
    const keys = Object.keys(value).sort(compareGoStrings);
    return Object.fromEntries(keys.map((k) => [k, fold(value[k])]));
  }
  return value;
}

/** The value as yaml.v2 reads it back from Go's JSON; throws YamlConversionError. */
export function readBackThroughYaml(value: unknown): unknown {
  const problem = findReadBackProblem(goMarshal(value));
  if (problem !== undefined) throw new YamlConversionError(`error converting JSON to YAML: yaml: ${problem}`);
  return fold(value);
}
