import { goEscape } from '../../core/go-json.js';
import { compareGoStrings } from './go-strings.js';
import { goNumberText, isGoMap, isGoStruct, typedNilKind } from './go-value.js';

/**
 * `json.MarshalIndent(v, "", "  ")` (and `json.Marshal`): struct fields in declared order, map keys in byte order,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped, `{}`/`[]` for empty containers, no trailing newline.
 */
export function goMarshalIndent(value: unknown): string {
  return encode(value, '', true);
}

/** `json.Marshal(v)`: the same encoding without whitespace. */
export function goMarshal(value: unknown): string {
  return encode(value, '', false);
}

const str = (s: string): string => goEscape(JSON.stringify(s));

function block(open: string, close: string, items: readonly string[], pad: string, indent: boolean): string {
  if (items.length === 0) return `${open}${close}`;
  if (!indent) return `${open}${items.join(',')}${close}`;
  const inner = `${pad}  `;
  return `${open}\n${items.map((item) => `${inner}${item}`).join(',\n')}\n${pad}${close}`;
}

function encode(value: unknown, pad: string, indent: boolean): string {
  if (value === null || value === undefined || typedNilKind(value) !== undefined) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number' || typeof value === 'bigint') return goNumberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const inner = `${pad}  `;
  const colon = indent ? ': ' : ':';
  if (Array.isArray(value))
    return block(
      '[',
      ']',
      value.map((v) => encode(v, inner, indent)),
      pad,
      indent,
    );
  if (isGoStruct(value)) {
    const fields = value.fields.map(([k, v]) => `${str(k)}${colon}${encode(v, inner, indent)}`);
    return block('{', '}', fields, pad, indent);
  }
  if (isGoMap(value)) {
    const keys = Object.keys(value).sort(compareGoStrings);
    const fields = keys.map((k) => `${str(k)}${colon}${encode(value[k], inner, indent)}`);
    return block('{', '}', fields, pad, indent);
  }
  return 'null';
}
