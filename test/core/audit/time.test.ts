import { describe, expect, test } from 'vitest';
import { nowEpochNanos, nowRfc3339Nano } from '../../../src/core/audit/time.js';
import { dateToRfc3339, formatRfc3339Nano } from '../../../src/gocompat/time.js';

describe("Go's RFC3339Nano", () => {
  const base = BigInt(Date.UTC(2024, 0, 2, 3, 4, 5)) * 1_000_000n;

  test('drops trailing zeros of the fraction, and the dot when it is zero', () => {
    expect(formatRfc3339Nano(base)).toBe('2024-01-02T03:04:05Z');
    expect(formatRfc3339Nano(base + 123_456_789n)).toBe('2024-01-02T03:04:05.123456789Z');
    expect(formatRfc3339Nano(base + 120_000_000n)).toBe('2024-01-02T03:04:05.12Z');
    expect(formatRfc3339Nano(base + 1n)).toBe('2024-01-02T03:04:05.000000001Z');
  });

  test('RFC3339 has whole seconds', () => {
    expect(dateToRfc3339(new Date('2024-01-02T03:04:05.999Z'))).toBe('2024-01-02T03:04:05Z');
  });

  test('now is close to the wall clock', () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const now = nowEpochNanos();
    const after = BigInt(Date.now() + 1) * 1_000_000n;
    expect(now >= before - 1_000_000n && now <= after).toBe(true);
    expect(nowRfc3339Nano()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  });
});
