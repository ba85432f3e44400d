import { goEscape } from '../go-json.js';
import { stringifyLossless } from '../lossless-json.js';
import type { AuditEntry } from './entry.js';

/**
 * One audit log line as Vault writes it: the device's prefix, the entry as Go's
 * json.Encoder encodes it (HTML-safe: <, >, & and the JS line separators escaped), and
 * the encoder's trailing newline.
 */
export function encodeEntryLine(entry: AuditEntry, prefix: string): string {
  return `${prefix}${goEscape(stringifyLossless(entry))}\n`;
}
