/**
 * Vault's duration parsing (parseutil.ParseDurationSecond): a bare number is seconds,
 * otherwise a Go duration ("1h30m", "768h", "15s", "500ms") with Vault's extra "d" unit.
 * Returns whole seconds.
 */
const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

/** Go's time.Duration is int64 nanoseconds: about 292 years. Longer is not a duration. */
export const MAX_DURATION_SECONDS = 9_223_372_036;

const bounded = (seconds: number, shown: string): number => {
  if (Math.abs(seconds) > MAX_DURATION_SECONDS) throw new DurationError(`time: invalid duration "${shown}"`);
  return seconds;
};

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
  const match = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h|d))+$/.exec(text);
  if (!match) throw new DurationError(`time: invalid duration "${text}"`);
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h|d)/g)) {
    const amount = Number.parseFloat(part[1] ?? '0');
    const unit = UNIT_SECONDS[part[2] ?? 's'] ?? 1;
    total += amount * unit;
  }
  return bounded(sign * Math.trunc(total), text);
}

/** Go's time.Duration String() for whole seconds: "768h0m0s", "5m0s", "0s". */
export function formatGoDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const negative = seconds < 0;
  let rest = Math.abs(seconds);
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  let out = '';
  if (hours > 0) out = `${hours}h${minutes}m${secs}s`;
  else if (minutes > 0) out = `${minutes}m${secs}s`;
  else out = `${secs}s`;
  return negative ? `-${out}` : out;
}
