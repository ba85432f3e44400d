import { describe, expect, test } from 'vitest';
import { goJsonDocument, goJsonValue } from '../../src/core/go-json.js';

describe('Go-style JSON', () => {
  test('sorts map keys and escapes like json.Encoder', () => {
    expect(goJsonDocument(goJsonValue({ b: 1, a: '<&>' }))).toBe('{"a":"\\u003c\\u0026\\u003e","b":1}\n');
  });

  test('writes big integers digit for digit, as Go writes a *big.Int', () => {
    const d =
      6864797660130609714981900799081393217269435300143305409394463459185543183397656052122559640661454554977296311391480858037121987999716643812574028291115057151n;
    expect(goJsonValue({ client_key: { type: 'p521', d, x: -5n } })).toBe(
      `{"client_key":{"d":${d},"type":"p521","x":-5}}`,
    );
  });

  test('a string that merely looks like a number stays a string', () => {
    expect(goJsonValue({ v: '123' })).toBe('{"v":"123"}');
  });
});

describe('lossless JSON parsing', () => {
  test('keeps big integers exact and everything else as JSON.parse does', async () => {
    const { parseLosslessJSON } = await import('../../src/core/lossless-json.js');
    const big =
      '6864797660130609714981900799081393217269435300143305409394463459185543183397656052122559640661454554977296311391480858037121987999716643812574028291115057151';
    const text = `{"k":{"d":${big},"n":-12,"f":1.5e3,"s":"99999999999999999999 \\" ${big}"},"l":[1,2]}`;
    expect(parseLosslessJSON(text)).toEqual({
      k: { d: BigInt(big), n: -12, f: 1500, s: `99999999999999999999 " ${big}` },
      l: [1, 2],
    });
    expect(goJsonValue(parseLosslessJSON(`{"d":${big}}`))).toBe(`{"d":${big}}`);
  });
});

describe('lossless JSON writing', () => {
  test('keeps key order and big integers; plain values take the fast path', async () => {
    const { stringifyLossless } = await import('../../src/core/lossless-json.js');
    expect(stringifyLossless({ b: 1, a: 'x' })).toBe('{"b":1,"a":"x"}');
    expect(stringifyLossless({ z: 123456789012345678901234567890n, a: [1n, 'k'] })).toBe(
      '{"z":123456789012345678901234567890,"a":[1,"k"]}',
    );
  });
});
