/**
 * Go's time formats as Vault's audit entries use them, always in UTC:
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
 * The wall clock in nanoseconds since the epoch. Date.now() has whole milliseconds;
 * performance's high-resolution wall time adds the sub-millisecond digits when it
 * agrees with Date.now() (it does not follow clock steps, so it is only trusted near it).
 */
export function nowEpochNanos(): bigint {
  const wallMs = Date.now();
  const preciseMs = performance.timeOrigin + performance.now();
  if (Math.abs(preciseMs - wallMs) < 1) return BigInt(Math.round(preciseMs * 1000)) * 1000n;
  return BigInt(wallMs) * NS_PER_MS;
}

export const nowRfc3339Nano = (): string => formatRfc3339Nano(nowEpochNanos());
