import { createHmac } from 'node:crypto';
import { dateToRfc3339Nano } from '../../gocompat/time.js';

/**
 * Vault's audit hashing (audit/hashstructure.go, sdk/helper/salt): a sensitive value
 * becomes `hmac-sha256:` + hex(HMAC-SHA256(key = the device's salt, value)).
 */
export type Hasher = (value: string) => string;

export const HMAC_TYPE = 'hmac-sha256';

/** Salt.GetIdentifiedHMAC; also what sys/audit-hash answers. */
export function hashString(salt: string, value: string): string {
  return `${HMAC_TYPE}:${createHmac('sha256', salt).update(value, 'utf8').digest('hex')}`;
}

export interface DataHashOptions {
  /** Absent: copy only (log_raw). */
  readonly hash?: Hasher;
  /** Values whose innermost map key is listed stay clear (audit_non_hmac_*_keys). */
  readonly nonHmacKeys?: readonly string[];
}

/**
 * A deep copy of request or response data for an audit entry, as Vault's hashWalker
 * leaves it: every string leaf, in maps and lists at any depth, is hashed; map keys,
 * numbers, booleans and null are not; dates become RFC3339Nano strings (not hashed);
 * bytes become base64 (Go's []byte encoding, not hashed). Map keys come out sorted, as
 * Go's encoder writes maps.
 */
export function auditData(
  data: Readonly<Record<string, unknown>>,
  options: DataHashOptions,
): Record<string, unknown> {
  return walkMap(data, options);
}

function walkMap(map: Readonly<Record<string, unknown>>, options: DataHashOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(map).sort()) {
    const value = map[key];
    if (value !== undefined) out[key] = walkValue(value, key, options);
  }
  return out;
}

function walkValue(value: unknown, key: string, options: DataHashOptions): unknown {
  if (typeof value === 'string') {
    const { hash, nonHmacKeys } = options;
    return hash === undefined || nonHmacKeys?.includes(key) ? value : hash(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return dateToRfc3339Nano(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item: unknown) => walkValue(item ?? null, key, options));
  return walkMap(value as Readonly<Record<string, unknown>>, options);
}
