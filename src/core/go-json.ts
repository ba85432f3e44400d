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

/** The general path: JSON.stringify with the sorting replacer, big integers unquoted after. */
function replacerJson(value: unknown): string {
  const json = JSON.stringify(value, sortKeys) ?? 'null';
  return json.includes(BIGINT_IN_JSON) ? json.replace(BIGINT_PATTERN, '$1') : json;
}

/** Thrown by the direct writer on anything it leaves to replacerJson. */
const UNUSUAL = Symbol('unusual JSON value');

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/**
 * Keys in the order JSON.stringify writes the replacer's sorted copy, or UNUSUAL when that
 * copy could differ from a plain sort: array-index keys (which an object always lists first)
 * or `__proto__` (which the copy's assignment would swallow).
 */
function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object);
  // Insertion sort by UTF-16 code units, as Array.prototype.sort() orders strings; maps are small.
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const first = key.charCodeAt(0);
    if ((first >= DIGIT_0 && first <= DIGIT_9) || key === '__proto__') throw UNUSUAL;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Whether JSON.stringify escapes anything in `text`: `"`, `\\`, control characters, surrogates (if lone). */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

/** A JSON string literal, as JSON.stringify writes it; strings with nothing to escape are quoted as they are. */
const quote = (text: string): string => (needsEscape(text) ? JSON.stringify(text) : `"${text}"`);

/**
 * Writes what replacerJson writes for the values Vault data is made of (strings, finite
 * numbers, booleans, null, big integers, arrays and plain objects) directly; anything else
 * (toJSON, functions, symbols, class instances, non-finite numbers, keys that start with a
 * digit) throws UNUSUAL. `undefined` is only ever seen as a property, which is left out.
 */
function directJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw UNUSUAL;
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      throw UNUSUAL;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || 'toJSON' in value) throw UNUSUAL;
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined ? 'null' : directJson(item);
    }
    return `${out}]`;
  }
  if (!isPlainObject(value) || typeof value.toJSON === 'function') throw UNUSUAL;
  let out = '{';
  for (const key of sortedKeys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quote(key)}:${directJson(item)}`;
  }
  return `${out}}`;
}

/** One JSON value with Go's map-key order; `undefined` becomes `null`. */
export function goJsonValue(value: unknown): string {
  if (value === undefined) return 'null';
  try {
    return directJson(value);
  } catch (error) {
    // Too deep for the direct writer: JSON.stringify goes deeper, or fails as it always did.
    if (error === UNUSUAL || error instanceof RangeError) return replacerJson(value);
    throw error;
  }
}

/** A whole JSON document as json.Encoder.Encode writes it (escaped, newline-terminated). */
export const goJsonDocument = (json: string): string => `${goEscape(json)}\n`;
