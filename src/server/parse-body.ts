import { HvrError } from '../core/errors.js';
import { parseLosslessJSON } from '../core/lossless-json.js';
import { MEDIA_TYPE } from './headers.js';
import { MediaTypeError, mediaType } from './media-type.js';
import type { LimitedBody } from './read-body.js';
import { parseUrlValues, UrlValuesError } from './url-values.js';

const FORM_SNIFF_BYTES = 512;
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const utf8 = new TextDecoder('utf-8');

/**
 * Vault's `isForm`: a form only when Content-Type says so *and* the first non-blank byte of the
 * first 512 is not `{` or `[`; anything else is parsed as JSON.
 */
function isForm(head: Uint8Array, contentType: string): boolean {
  let type: string;
  try {
    type = mediaType(contentType);
  } catch (error) {
    if (error instanceof MediaTypeError) return false;
    throw error;
  }
  if (type !== MEDIA_TYPE.form) return false;
  for (const byte of head.subarray(0, FORM_SNIFF_BYTES)) {
    if (JSON_WHITESPACE.has(byte)) continue;
    return byte !== 0x7b && byte !== 0x5b;
  }
  return true;
}

const parseError = (status: number, message: string) =>
  new HvrError(status === 413 ? 'HVR_BODY_TOO_LARGE' : 'HVR_BAD_REQUEST', status, message);

/**
 * The deepest nesting a JSON body may have: Vault's listener `max_json_depth` default. Deeper
 * bodies would overflow the stack when stored or encoded; they are refused before parsing.
 */
export const MAX_JSON_DEPTH = 500;

/** True when `text` nests objects/arrays deeper than `limit` (strings skipped). */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** A JSON body: empty or `null` → no data; anything but an object → 400 `error parsing JSON`. */
export function parseJsonBody(body: LimitedBody): Record<string, unknown> {
  if (body.tooLarge) throw parseError(413, 'error parsing JSON');
  const text = utf8.decode(body.bytes).trim();
  if (text === '') return {};
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw parseError(400, `error parsing JSON: nesting depth exceeds the limit of ${MAX_JSON_DEPTH}`);
  }
  let value: unknown;
  try {
    // Integers beyond 2^53 stay exact, as Go's decoder with UseNumber keeps them.
    value = parseLosslessJSON(text);
  } catch {
    throw parseError(400, 'error parsing JSON');
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw parseError(400, 'error parsing JSON');
  return value as Record<string, unknown>;
}

/** `parseFormRequest`: a repeated field is joined with `,`. */
function parseFormBody(body: LimitedBody): Record<string, unknown> {
  if (body.tooLarge) throw parseError(413, 'error parsing form data');
  let values: Map<string, string[]>;
  try {
    values = parseUrlValues(utf8.decode(body.bytes), true);
  } catch (error) {
    if (error instanceof UrlValuesError) throw parseError(400, 'error parsing form data');
    throw error;
  }
  const data: Record<string, unknown> = {};
  for (const [key, list] of values) data[key] = list.join(',');
  return data;
}

/** A POST/PUT body as data: form or JSON, by Vault's rules. */
export function parseWriteBody(body: LimitedBody, contentType: string): Record<string, unknown> {
  return isForm(body.bytes, contentType) ? parseFormBody(body) : parseJsonBody(body);
}
