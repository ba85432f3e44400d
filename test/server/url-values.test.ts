import { describe, expect, test } from 'vitest';
import { goUnescape, parseUrlValues, UrlValuesError } from '../../src/server/url-values.js';

describe('parseUrlValues (Go url.ParseQuery)', () => {
  test('keeps repeated values in order and treats a bare key as empty', () => {
    expect([...parseUrlValues('a=1&b&a=2&&c=x%20y+z', true)]).toEqual([
      ['a', ['1', '2']],
      ['b', ['']],
      ['c', ['x y z']],
    ]);
  });

  test('strict mode throws on a bad escape or a semicolon; lenient mode drops the pair', () => {
    expect(() => parseUrlValues('a=%zz', true)).toThrow(UrlValuesError);
    expect(() => parseUrlValues('a=1;b=2', true)).toThrow('invalid semicolon separator in query');
    expect([...parseUrlValues('a=%zz&b=1&c=1;d=2', false)]).toEqual([['b', ['1']]]);
  });
});

describe('goUnescape', () => {
  test('decodes bytes as UTF-8 and never throws on bad UTF-8', () => {
    expect(goUnescape('caf%C3%A9', 'path')).toBe('café');
    expect(goUnescape('%FF', 'path')).toBe('\uFFFD');
  });

  test("'+' is a space only in queries", () => {
    expect(goUnescape('a+b', 'query')).toBe('a b');
    expect(goUnescape('a+b', 'path')).toBe('a+b');
  });
});
