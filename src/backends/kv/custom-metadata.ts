import { badRequest, multiError } from '../../logical/errors.js';

/** The plugin's limits on `custom_metadata`. */
const MAX_KEYS = 64;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 512;
const PREFIX = 'custom_metadata validation failed';

/**
 * `custom_metadata` arrives as a map and is stored as strings (mapstructure.WeakDecode:
 * numbers print, bools are "1"/"0", null is ""). With `dropNulls` (patch), nulls are left
 * out: they mean "remove this key".
 */
export function parseCustomMetadata(
  raw: Record<string, unknown>,
  dropNulls: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) {
      if (!dropNulls) out[key] = '';
      continue;
    }
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number') out[key] = String(value);
    else if (typeof value === 'boolean') out[key] = value ? '1' : '0';
    else {
      const goType = Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
      throw badRequest(`${PREFIX}: '' expected type 'string', got unconvertible type '${goType}'`);
    }
  }
  validateCustomMetadata(out);
  return out;
}

/** Every problem at once, as the plugin's go-multierror does; too many keys short-circuits. */
function validateCustomMetadata(meta: Record<string, string>): void {
  const keys = Object.keys(meta);
  if (keys.length > MAX_KEYS) {
    throw badRequest(
      multiError([`${PREFIX}: payload must contain at most ${MAX_KEYS} keys, provided ${keys.length}`]),
    );
  }
  const errors: string[] = [];
  for (const key of keys) {
    const value = meta[key] ?? '';
    const keyLength = Buffer.byteLength(key);
    const valueLength = Buffer.byteLength(value);
    if (keyLength === 0 || keyLength > MAX_KEY_LENGTH) {
      errors.push(
        `${PREFIX}: length of key ${goQuote(key)} is ${keyLength} but must be 0 < len(key) <= ${MAX_KEY_LENGTH}`,
      );
    }
    if (valueLength === 0 || valueLength > MAX_VALUE_LENGTH) {
      errors.push(
        `${PREFIX}: length of value for key ${goQuote(key)} is ${valueLength} but must be 0 < len(value) <= ${MAX_VALUE_LENGTH}`,
      );
    }
    if (!printable(key))
      errors.push(`${PREFIX}: key ${goQuote(key)} (${key}) contains unprintable characters`);
    if (!printable(value))
      errors.push(`${PREFIX}: value for key ${goQuote(key)} contains unprintable characters`);
  }
  if (errors.length > 0) throw badRequest(multiError(errors));
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const printable = (text: string): boolean => /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u.test(text);

/** Close to Go's %q for the strings that reach it. */
const goQuote = (text: string): string => JSON.stringify(text);
