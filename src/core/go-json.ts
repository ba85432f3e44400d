/**
 * JSON as Go's encoding/json writes it for Vault: map keys sorted (Vault's data is always a
 * `map[string]interface{}`), `<`, `>`, `&`, U+2028 and U+2029 escaped (json.Encoder's default
 * HTML escaping), and a trailing newline after a whole document (json.Encoder.Encode).
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

function sortKeys(_key: string, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = value[key];
  return sorted;
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's HTML escaping; safe on JSON text because these characters only occur inside strings. */
export const goEscape = (json: string): string =>
  json.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);

/** One JSON value with Go's map-key order; `undefined` becomes `null`. */
export function goJsonValue(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null';
}

/** A whole JSON document as json.Encoder.Encode writes it (escaped, newline-terminated). */
export const goJsonDocument = (json: string): string => `${goEscape(json)}\n`;
