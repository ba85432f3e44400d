import { stringifyLossless } from '../lossless-json.js';
import type { AuditEntry } from './entry.js';

/**
 * One audit log line as Vault writes it: the device's prefix, the entry as Go's
 * json.Encoder encodes it (HTML-safe: <, >, & and the JS line separators escaped), and
 * the encoder's trailing newline.
 */
export function encodeEntryLine(entry: AuditEntry, prefix: string): string {
  return `${prefix}${goSafeJson(stringifyLossless(entry))}\n`;
}

const GO_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

// These characters only occur inside JSON strings, so replacing them everywhere is safe.
const goSafeJson = (json: string): string => json.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
