import { describe, expect, test } from 'vitest';
import { InvalidResponseError } from '../../src/client/errors.js';
import { parseJson } from '../../src/client/json-parse.js';
import { stringifyJson } from '../../src/client/json-stringify.js';

// A P-521 coordinate: 521 bits, far beyond 2^53.
const P521_X =
  '6662320939549007215963451467393706394427946513297823366698520815591431848806467437541869432960442598580012432107786405022536009213474069396530869011577391539';

describe('parseJson', () => {
  test('keeps integers beyond 2^53 exact as bigint and writes them back digit for digit', () => {
    const text = `{"jwt_x":${P521_X},"n":-9007199254740993,"small":42,"f":0.5,"e":1e+300}`;
    const value = parseJson(text) as Record<string, unknown>;
    expect(value.jwt_x).toBe(BigInt(P521_X));
    expect(value.n).toBe(-9007199254740993n);
    expect(value.small).toBe(42);
    expect(value.f).toBe(0.5);
    expect(value.e).toBe(1e300);
    expect(stringifyJson(value)).toBe(text);
  });

  test('the largest safe integers stay numbers', () => {
    expect(parseJson('[9007199254740991,-9007199254740991,9007199254740992]')).toEqual([
      9007199254740991,
      -9007199254740991,
      9007199254740992n,
    ]);
  });

  test('parses the rest of JSON like JSON.parse', () => {
    const text = '{"a":[true,false,null,"x\\u00e9\\n",{"b":{}}],"c":[],"d":"\\ud83d\\ude00"}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
    expect(parseJson(' \n"plain" \t')).toBe('plain');
  });

  test('a "__proto__" key is data', () => {
    const value = parseJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each([
    ['', 'unexpected end of JSON input'],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{1:2}', "invalid character '1' looking for beginning of object key string"],
    ['{} x', "invalid character 'x' after top-level value"],
    ['"abc', 'unexpected end of JSON input'],
    ['[01]', "invalid character '1' after array element"],
  ])('rejects %j with Go wording', (text, message) => {
    expect(() => parseJson(text)).toThrow(InvalidResponseError);
    expect(() => parseJson(text)).toThrow(message);
  });
});

describe('stringifyJson', () => {
  test('writes bigint, sorts keys and escapes HTML as Go does when asked', () => {
    const value = { z: 1n << 70n, a: '<&>', m: undefined, list: [undefined, 5n] };
    expect(stringifyJson(value, { sortKeys: true, escapeHtml: true })).toBe(
      '{"a":"\\u003c\\u0026\\u003e","list":[null,5],"z":1180591620717411303424}',
    );
  });

  test('indents like JSON.stringify', () => {
    const value = { a: [1, { b: 'c' }], e: {}, f: [] };
    expect(stringifyJson(value, { indent: '  ' })).toBe(JSON.stringify(value, null, 2));
  });

  test('refuses NaN as Go does', () => {
    expect(() => stringifyJson({ n: Number.NaN })).toThrow('json: unsupported value: NaN');
  });
});
