import { goDurationString, secondsToGoDuration } from '../../gocompat/duration.js';

/**
 * Vault's `humanDuration` / `HumanDurationInt` (command/base_helpers.go) over Go's
 * `time.Duration.String()`: seconds become `768h`, `1m30s`, `0s`; `1h0m0s` loses its zeros.
 */
/** Vault's `humanDuration`: the Go duration string without the `0m0s` tails. */
export function humanDuration(seconds: number | bigint): string {
  const ns = secondsToGoDuration(typeof seconds === 'bigint' ? seconds : BigInt(Math.trunc(seconds)));
  if (ns === 0n) return '0s';
  let s = goDurationString(ns);
  if (s.endsWith('m0s')) s = s.slice(0, -2);
  const idx = s.indexOf('h0m');
  if (idx > 0) s = s.slice(0, idx + 1) + s.slice(idx + 3);
  return s;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `json.Number.Int64()`: base-10 integer text within int64, else undefined. */
export function parseGoInt64(text: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = BigInt(text);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * `HumanDurationInt`: a JSON integer becomes a duration string; anything else (strings,
 * floats, `1e+21`, booleans, maps) is returned unchanged.
 */
export function humanDurationValue(value: unknown): unknown {
  if (typeof value === 'bigint') return humanDuration(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  const n = parseGoInt64(String(value));
  return n === undefined ? value : humanDuration(n);
}

/** Vault's `looksLikeDuration`: keys whose integer values are printed as durations. */
export const looksLikeDuration = (k: string): boolean =>
  k === 'period' ||
  k.endsWith('_period') ||
  k === 'ttl' ||
  k.endsWith('_ttl') ||
  k === 'duration' ||
  k.endsWith('_duration') ||
  k === 'lease_max' ||
  k === 'ttl_max';
