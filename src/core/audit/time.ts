import { formatRfc3339Nano } from '../../gocompat/time.js';

const NS_PER_MS = 1_000_000n;

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
