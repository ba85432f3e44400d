import { describe, expect, test } from 'vitest';
import {
  DurationError,
  formatGoDuration,
  goDurationSeconds,
  parseDurationSeconds,
} from '../../src/gocompat/duration.js';

describe('Go durations', () => {
  test('parseutil.ParseDurationSecond: bare seconds, Go units and Vault\'s "d"', () => {
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds(' 1h30m ')).toBe(5400);
    expect(parseDurationSeconds('2d')).toBe(172800);
    expect(parseDurationSeconds('1500ms')).toBe(1);
    expect(parseDurationSeconds('-5m')).toBe(-300);
    expect(parseDurationSeconds('')).toBe(0);
    expect(() => parseDurationSeconds('5 m')).toThrow(new DurationError('time: invalid duration "5 m"'));
    expect(() => parseDurationSeconds('300000y')).toThrow(DurationError);
  });

  test('fractional seconds for callers that keep milliseconds', () => {
    expect(goDurationSeconds('250ms')).toBeCloseTo(0.25);
    expect(goDurationSeconds('90')).toBeUndefined();
  });

  test('time.Duration.String() of whole seconds', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(45)).toBe('45s');
    expect(formatGoDuration(300)).toBe('5m0s');
    expect(formatGoDuration(2_764_800)).toBe('768h0m0s');
    expect(formatGoDuration(-90)).toBe('-1m30s');
  });
});
