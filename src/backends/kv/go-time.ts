/**
 * Go's `time.Format(time.RFC3339Nano)` in UTC, which is how the KV v2 plugin prints
 * timestamps (`ptypes.TimestampString`). Go trims trailing zeros of the fraction, so a
 * millisecond-precision JS time prints as e.g. `2018-03-22T02:24:06.945Z`, and a whole
 * second as `2018-03-22T02:24:06Z`: exactly what Vault prints for the same instant.
 * We keep millisecond precision rather than invent nanosecond digits.
 */
export function formatRFC3339Nano(epochMs: number): string {
  // toISOString always ends in `.mmmZ`.
  const iso = new Date(epochMs).toISOString();
  const head = iso.slice(0, -5);
  if (iso.charCodeAt(iso.length - 2) !== ZERO) return `${head}.${iso.slice(-4, -1)}Z`;
  if (iso.charCodeAt(iso.length - 3) !== ZERO) return `${head}.${iso.slice(-4, -2)}Z`;
  if (iso.charCodeAt(iso.length - 4) !== ZERO) return `${head}.${iso.slice(-4, -3)}Z`;
  return `${head}Z`;
}

const ZERO = 0x30;

/** `""` for "no time", as `ptypesTimestampToString(nil)` does. */
export const formatOptionalTime = (epochMs: number | null): string =>
  epochMs === null ? '' : formatRFC3339Nano(epochMs);
