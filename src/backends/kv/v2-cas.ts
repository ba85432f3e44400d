import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { KeyMetadata, KvConfig } from './v2-storage.js';

/**
 * The plugin's `validateCheckAndSetOption`: `options.cas`, when present, must equal the
 * key's current version (0 for a key that does not exist yet); when absent it is an error
 * only if the mount or the key requires it.
 */
export function checkAndSet(f: Fields, config: KvConfig, meta: KeyMetadata): void {
  const options = f.map('options');
  if (options && Object.hasOwn(options, 'cas')) {
    const cas = weakInt(options.cas);
    if (cas === undefined) throw badRequest('error parsing check-and-set parameter');
    if (cas !== meta.currentVersion)
      throw badRequest('check-and-set parameter did not match the current version');
  } else if (config.casRequired || meta.casRequired) {
    throw badRequest('check-and-set parameter required for this call');
  }
}

/** mapstructure.WeakDecode into an int: numbers truncate, bools are 0/1, strings parse, null is 0. */
function weakInt(value: unknown): number | undefined {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return 0;
    if (/^[-+]?(0x[0-9a-f]+|0o?[0-7]+|0b[01]+|\d+)$/i.test(text)) {
      const negative = text.startsWith('-');
      const digits = text.replace(/^[-+]/, '');
      const parsed = /^0[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number(digits);
      return negative ? -parsed : parsed;
    }
  }
  return undefined;
}
