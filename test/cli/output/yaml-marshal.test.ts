import { describe, expect, test } from 'vitest';
import { goYamlMarshal } from '../../../src/cli/output/yaml/marshal.js';

/** Expected texts were produced by ghodss/yaml + gopkg.in/yaml.v2 v2.4.0 on the same values. */
describe('YAML as Vault prints it (ghodss/yaml over yaml.v2 v2.4.0)', () => {
  test('multi-line strings become literal blocks with chomping indicators', () => {
    expect(goYamlMarshal({ multi: 'line1\nline2', trail: 'a\n', two: 'a\n\n', lead: ' x' })).toBe(
      "lead: ' x'\nmulti: |-\n  line1\n  line2\ntrail: |\n  a\ntwo: |+\n  a\n\n",
    );
    expect(goYamlMarshal('multi\nline')).toBe('|-\n  multi\n  line\n');
  });

  test('keys: non-letters before letters, digit runs compared as numbers', () => {
    expect(goYamlMarshal({ key10: 1, key9: 2, Key: 3, _u: 4, a: 5 })).toBe(
      '_u: 4\nKey: 3\na: 5\nkey9: 2\nkey10: 1\n',
    );
  });

  test('strings that would read back as something else are quoted', () => {
    expect(
      goYamlMarshal({
        t: 'true',
        n: '123',
        f: '1.5',
        e: '',
        ts: '2024-01-02',
        b60: '12:30',
        hex: '0x1F',
        tab: 'a\tb',
        q: "it's",
        colon: 'a: b',
        hash: 'a #b',
        dash: '- x',
        emoji: 'ok 😀',
        nb: 'a\u00a0b',
        date: '2024-02-30',
      }),
    ).toBe(
      'b60: "12:30"\ncolon: \'a: b\'\ndash: \'- x\'\ndate: 2024-02-30\ne: ""\nemoji: "ok \\U0001F600"\nf: "1.5"\nhash: \'a #b\'\nhex: "0x1F"\n"n": "123"\nnb: a\u00a0b\nq: it\'s\nt: "true"\ntab: "a\\tb"\nts: "2024-01-02"\n',
    );
  });

  test('numbers: ints as ints, floats with strconv %g rules, big integers exact', () => {
    expect(
      goYamlMarshal({
        i: 2764800,
        f: 1.5,
        e: 1e21,
        s: 1e-7,
        big: 12345678901234567890n,
        m: 1234567.5,
        neg: -0.25,
      }),
    ).toBe(
      'big: 12345678901234567890\ne: 1e+21\nf: 1.5\ni: 2764800\nm: 1.2345675e+06\nneg: -0.25\ns: 1e-07\n',
    );
  });

  test('sequences, empty containers, null and booleans', () => {
    expect(goYamlMarshal([[1, 2], { a: [], b: {} }, null, true])).toBe(
      '- - 1\n  - 2\n- a: []\n  b: {}\n- null\n- true\n',
    );
    expect(goYamlMarshal('just a string')).toBe('just a string\n');
  });

  test('long scalars fold after column 80', () => {
    expect(goYamlMarshal({ k: `${'x'.repeat(100)} ${'y'.repeat(10)}` })).toBe(
      `k: ${'x'.repeat(100)}\n  yyyyyyyyyy\n`,
    );
    expect(goYamlMarshal({ k: 'word '.repeat(30) })).toBe(
      `k: '${'word '.repeat(16).trimEnd()}\n  ${'word '.repeat(14)}'\n`,
    );
  });

  test('a raw NEL from Go JSON folds to a space on the way back; in a key it is an error', () => {
    expect(goYamlMarshal({ k: 'a\u0085b' })).toBe('k: a b\n');
    expect(() => goYamlMarshal({ 'a\u0085b': 1 })).toThrow(
      "error converting JSON to YAML: yaml: line 1: did not find expected ',' or '}'",
    );
    expect(() => goYamlMarshal({ ['k'.repeat(1100)]: 1 })).toThrow(
      "error converting JSON to YAML: yaml: did not find expected ',' or '}'",
    );
  });
});
