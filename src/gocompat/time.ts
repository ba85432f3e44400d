/**
 * A wire timestamp (RFC 3339) as Go's `time.Time` prints it after `json.Unmarshal`:
 * `Format(time.RFC3339Nano)` for JSON/-field and `String()` for the table.
 */
export interface GoTime {
  /** `2018-03-22T17:38:34.566374Z`: fraction without trailing zeros, `Z` for a zero offset. */
  readonly rfc3339Nano: string;
  /** `2018-03-22 17:38:34.566374 +0000 UTC`. */
  readonly goString: string;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

export function parseGoTime(text: string): GoTime | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, date = '', clock = '', fracDigits = '', zone = 'Z'] = m;
  const trimmed = fracDigits.slice(0, 9).replace(/0+$/, '');
  const frac = trimmed === '' ? '' : `.${trimmed}`;
  const utc = zone === 'Z';
  const offset = utc ? '+0000' : zone.replace(':', '');
  const zeroOffset = offset === '+0000' || offset === '-0000';
  return {
    rfc3339Nano: `${date}T${clock}${frac}${zeroOffset ? 'Z' : zone}`,
    // A parsed numeric offset becomes a FixedZone with no name, which Go prints as the offset.
    goString: `${date} ${clock}${frac} ${zeroOffset ? '+0000' : offset} ${utc ? 'UTC' : zeroOffset ? '+0000' : offset}`,
  };
}

/** RFC3339Nano normalisation of a wire time; text that does not parse is kept as is. */
export const goTimeRfc3339Nano = (text: string): string => parseGoTime(text)?.rfc3339Nano ?? text;

/** `time.Time.String()` of a wire time; text that does not parse is kept as is. */
export const goTimeString = (text: string): string => parseGoTime(text)?.goString ?? text;

/**
 * Go's time formats of an instant (audit entries, KV metadata), always in UTC:
 * RFC3339Nano ("2006-01-02T15:04:05.999999999Z07:00": trailing zeros of the fraction
 * dropped, no dot when it is zero) and RFC3339 (whole seconds).
 */
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;

export function formatRfc3339Nano(epochNanos: bigint): string {
  const seconds = epochNanos / NS_PER_S;
  const fraction = epochNanos % NS_PER_S;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  if (fraction === 0n) return `${base}Z`;
  const digits = fraction.toString().padStart(9, '0').replace(/0+$/, '');
  return `${base}.${digits}Z`;
}

export const dateToRfc3339Nano = (date: Date): string =>
  formatRfc3339Nano(BigInt(date.getTime()) * NS_PER_MS);

export const dateToRfc3339 = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/**
 * `ptypes.TimestampString` of a JS time, as the KV v2 plugin prints timestamps: e.g.
 * `2018-03-22T02:24:06.945Z`, a whole second as `2018-03-22T02:24:06Z`. Millisecond
 * precision: we invent no digits.
 */
export const msToRfc3339Nano = (epochMs: number): string =>
  formatRfc3339Nano(BigInt(Math.trunc(epochMs)) * NS_PER_MS);

/** `""` for "no time", as `ptypesTimestampToString(nil)` does. */
export const formatOptionalTime = (epochMs: number | null): string =>
  epochMs === null ? '' : msToRfc3339Nano(epochMs);
