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

/**
 * Big integers (the P-521 key integers of an activation bundle) are written as JSON numbers,
 * digit for digit, as Go writes a *big.Int. JSON.stringify cannot, so they pass through as
 * marked strings and are unquoted afterwards; the marker is random per process.
 */
const BIGINT_TAG = `bigint-${Math.random().toString(36).slice(2)}:`;
/** How the marker reads in JSON text: the NUL is escaped as the six characters \u0000. */
const BIGINT_IN_JSON = `\\u0000${BIGINT_TAG}`;
const BIGINT_PATTERN = new RegExp(`"\\\\u0000${BIGINT_TAG}(-?\\d+)"`, 'g');

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `\u0000${BIGINT_TAG}${value.toString()}`;
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
  const json = JSON.stringify(value, sortKeys) ?? 'null';
  return json.includes(BIGINT_IN_JSON) ? json.replace(BIGINT_PATTERN, '$1') : json;
}

/** A whole JSON document as json.Encoder.Encode writes it (escaped, newline-terminated). */
export const goJsonDocument = (json: string): string => `${goEscape(json)}\n`;
