/**
 * Go's `time.Duration.String()` and Vault's `humanDuration` / `HumanDurationInt`
 * (command/base_helpers.go): seconds become `768h`, `1m30s`, `0s`; `1h0m0s` loses its zeros.
 */
const SECOND = 1_000_000_000n;

/** Digits after the decimal point of v / 10^prec, trailing zeros dropped (Go's fmtFrac). */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  let rest = v;
  for (let i = 0; i < prec; i++) {
    const digit = rest % 10n;
    print = print || digit !== 0n;
    if (print) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return [print ? `.${digits}` : '', rest];
}

/** `time.Duration(ns).String()`. */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  let text: string;
  if (u < SECOND) {
    const [prec, unit] = u < 1000n ? [0, 'ns'] : u < 1_000_000n ? [3, 'µs'] : [6, 'ms'];
    const [frac, whole] = fmtFrac(u, prec);
    text = `${whole}${frac}${unit}`;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    text = `${secs % 60n}${frac}s`;
    const mins = secs / 60n;
    if (mins > 0n) {
      text = `${mins % 60n}m${text}`;
      const hours = mins / 60n;
      if (hours > 0n) text = `${hours}h${text}`;
    }
  }
  return neg ? `-${text}` : text;
}

/** `time.Duration(i) * time.Second` with Go's silent int64 wrap-around. */
const secondsToNs = (seconds: bigint): bigint => BigInt.asIntN(64, seconds * SECOND);

/** Vault's `humanDuration`: the Go duration string without the `0m0s` tails. */
export function humanDuration(seconds: number | bigint): string {
  const ns = secondsToNs(typeof seconds === 'bigint' ? seconds : BigInt(Math.trunc(seconds)));
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
