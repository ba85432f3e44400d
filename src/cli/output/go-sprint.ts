import { sortGoStrings } from './go-strings.js';
import { goNumberText, isGoMap, isGoStruct, typedNilKind } from './go-value.js';

/**
 * Go's `%v` for values decoded from JSON: `<nil>`, `[a b]`, `map[a:1 b:[x y]]` (keys in
 * byte order, as fmt sorts them), numbers as their wire text, booleans as `true`/`false`.
 */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return goNumberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const nilKind = typedNilKind(value);
  if (nilKind !== undefined) return nilKind === 'map' ? 'map[]' : '[]';
  if (isGoStruct(value)) return `{${value.fields.map(([, v]) => goSprint(v)).join(' ')}}`;
  if (isGoMap(value)) {
    const parts = sortGoStrings(Object.keys(value)).map((k) => `${k}:${goSprint(value[k])}`);
    return `map[${parts.join(' ')}]`;
  }
  return String(value);
}
