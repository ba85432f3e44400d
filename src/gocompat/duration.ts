/**
 * Go's time.Duration as Vault reads and prints it: parseutil.ParseDurationSecond (a bare
 * number is seconds, otherwise a Go duration such as "1h30m", "768h", "500ms", with Vault's
 * extra "d" unit) and `time.Duration.String()`.
 */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

const DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h|d))+$/;
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/g;

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/** Go's time.Duration is int64 nanoseconds: about 292 years. Longer is not a duration. */
export const MAX_DURATION_SECONDS = 9_223_372_036;

/**
 * time.ParseDuration (plus "d") of already-trimmed text, in fractional seconds; undefined
 * when the text is not a unit-suffixed Go duration (a bare number is not one).
 */
export function goDurationSeconds(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const part of text.matchAll(DURATION_PART)) {
    total += Number.parseFloat(part[1] ?? '0') * (UNIT_SECONDS[part[2] ?? 's'] ?? 1);
  }
  return text.startsWith('-') ? -total : total;
}

const bounded = (seconds: number, shown: string): number => {
  if (Math.abs(seconds) > MAX_DURATION_SECONDS) throw new DurationError(`time: invalid duration "${shown}"`);
  return seconds;
};

/** parseutil.ParseDurationSecond: whole seconds from a number or a duration string. */
export function parseDurationSeconds(input: unknown): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new DurationError(`invalid duration ${String(input)}`);
    return bounded(Math.trunc(input), String(input));
  }
  if (typeof input === 'bigint') throw new DurationError(`time: invalid duration "${input.toString()}"`);
  if (typeof input !== 'string') throw new DurationError(`invalid duration ${JSON.stringify(input)}`);
  const text = input.trim();
  if (text === '') return 0;
  if (/^[-+]?\d+$/.test(text)) return bounded(Number.parseInt(text, 10), text);
  const seconds = goDurationSeconds(text);
  if (seconds === undefined) throw new DurationError(`time: invalid duration "${text}"`);
  return bounded(Math.trunc(seconds), text);
}

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

/** `time.Duration(ns).String()`: "768h0m0s", "1.5s", "250ms", "0s". */
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
export const secondsToGoDuration = (seconds: bigint): bigint => BigInt.asIntN(64, seconds * SECOND);

/** `(time.Duration(seconds) * time.Second).String()` for whole seconds: "768h0m0s", "5m0s". */
export const formatGoDuration = (seconds: number): string =>
  goDurationString(secondsToGoDuration(BigInt(Math.trunc(seconds))));
