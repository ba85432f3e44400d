// The parser lives in gocompat; re-exported here for callers that read and write through this module.
export { parseLosslessJSON } from '../gocompat/json-parse.js';

/**
 * JSON.stringify that writes bigint values as JSON numbers, digit for digit, keeping key
 * order (storage and audit lines; responses go through go-json, which also sorts keys).
 */
export function stringifyLossless(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const marker = `\u0000big:${Math.random().toString(36).slice(2)}:`;
  const text =
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v.toString()}` : v)) ??
    'null';
  const escaped = JSON.stringify(marker).slice(1, -1);
  return text.replace(new RegExp(`"${escaped.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(-?\\d+)"`, 'g'), '$1');
}
