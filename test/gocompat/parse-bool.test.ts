import { describe, expect, test } from 'vitest';
import { GoParseBoolError, parseGoBool, parseGoBoolOrThrow } from '../../src/gocompat/parse-bool.js';

describe('strconv.ParseBool', () => {
  test('accepts exactly the twelve spellings Go accepts', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseGoBool(f)).toBe(false);
    for (const bad of ['', 'yes', 'tRUE', ' true', 'true ', '2', 'on'])
      expect(parseGoBool(bad)).toBeUndefined();
  });

  test("throws Go's error text for anything else", () => {
    expect(parseGoBoolOrThrow('T')).toBe(true);
    expect(() => parseGoBoolOrThrow('maybe')).toThrow(GoParseBoolError);
    expect(() => parseGoBoolOrThrow('maybe')).toThrow('strconv.ParseBool: parsing "maybe": invalid syntax');
  });
});
