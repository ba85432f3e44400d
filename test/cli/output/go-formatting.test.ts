import { describe, expect, test } from 'vitest';
import { columnize, tableOutput } from '../../../src/cli/output/columnize.js';
import { humanDuration, humanDurationValue } from '../../../src/cli/output/go-duration.js';
import { goQuote, goQuoteStrings } from '../../../src/cli/output/go-quote.js';
import { goSprint } from '../../../src/cli/output/go-sprint.js';
import { NIL_MAP, NIL_SLICE } from '../../../src/cli/output/go-value.js';
import { wrapAtLengthWithPadding } from '../../../src/cli/output/text-wrap.js';
import { goDurationString } from '../../../src/gocompat/duration.js';
import { goTimeString } from '../../../src/gocompat/time.js';

describe('durations (time.Duration.String, Vault humanDuration)', () => {
  test.each([
    [0, '0s'],
    [1, '1s'],
    [59, '59s'],
    [60, '1m'],
    [90, '1m30s'],
    [3600, '1h'],
    [3601, '1h1s'],
    [3660, '1h1m'],
    [86400, '24h'],
    [2764800, '768h'],
    [-5, '-5s'],
    [-3600, '-1h'],
  ])('%d seconds is %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text);
  });

  test('int64 nanoseconds wrap around as in Go', () => {
    expect(humanDuration(9223372037)).toBe('-2562047h47m16.709551616s');
  });

  test('sub-second units', () => {
    expect(goDurationString(1500n)).toBe('1.5µs');
    expect(goDurationString(999n)).toBe('999ns');
    expect(goDurationString(1_500_000n)).toBe('1.5ms');
    expect(goDurationString(90_500_000_000n)).toBe('1m30.5s');
  });

  test('HumanDurationInt converts JSON integers only', () => {
    expect(humanDurationValue(2764800)).toBe('768h');
    expect(humanDurationValue(2764800n)).toBe('768h');
    expect(humanDurationValue(1.5)).toBe(1.5);
    expect(humanDurationValue(1e21)).toBe(1e21);
    expect(humanDurationValue('1h')).toBe('1h');
  });
});

describe('%v and %q', () => {
  test('%v of decoded JSON', () => {
    expect(goSprint({ b: ['x', 'y'], a: 1 })).toBe('map[a:1 b:[x y]]');
    expect(goSprint([null, true, 'a b'])).toBe('[<nil> true a b]');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSprint(NIL_MAP)).toBe('map[]');
    expect(goSprint(NIL_SLICE)).toBe('[]');
    expect(goSprint({ é: 1, z: 2, Z: 3 })).toBe('map[Z:3 z:2 é:1]');
  });

  test('%q of strings and string lists', () => {
    expect(goQuoteStrings(['default', 'web'])).toBe('["default" "web"]');
    expect(goQuoteStrings(null)).toBe('[]');
    expect(goQuote('a"b\\c\n\t\u0007\u00a0é😀')).toBe('"a\\"b\\\\c\\n\\t\\a\\u00a0é😀"');
  });

  test('time.Time.String of wire times', () => {
    expect(goTimeString('2018-03-22T02:24:06.945319214Z')).toBe('2018-03-22 02:24:06.945319214 +0000 UTC');
    expect(goTimeString('2018-03-22T02:24:06.100Z')).toBe('2018-03-22 02:24:06.1 +0000 UTC');
    expect(goTimeString('2018-03-22T17:38:34-04:00')).toBe('2018-03-22 17:38:34 -0400 -0400');
  });
});

describe('columns (ryanuber/columnize as Vault configures it)', () => {
  test('header underline, 4-space glue, n/a, trimmed cells, width in runes', () => {
    expect(tableOutput(['Key♨Value', 'ünïcode ♨ x', 'k ♨  '], '♨')).toBe(
      'Key        Value\n---        -----\nünïcode    x\nk          n/a',
    );
  });

  test('rows with fewer cells are not padded', () => {
    expect(columnize(['a|b|c', 'long'], { delim: '|', glue: '  ', empty: '' })).toBe('a     b  c\nlong');
  });
});

describe('warning wrapping (kr/text v0.2.0)', () => {
  test('minimum raggedness at 76 columns plus the 2-space pad (DR transcript)', () => {
    expect(
      wrapAtLengthWithPadding(
        '* Vault has successfully found secondary information; it may take a while to perform setup tasks. Vault will be unavailable until these tasks and initial sync complete.',
        2,
      ),
    ).toBe(
      '  * Vault has successfully found secondary information; it may take a while to\n  perform setup tasks. Vault will be unavailable until these tasks and initial\n  sync complete.',
    );
  });

  test('widths are UTF-8 bytes and newlines become spaces', () => {
    expect(wrapAtLengthWithPadding(`* ${'é'.repeat(30)} ${'a'.repeat(30)}\nend`, 2)).toBe(
      `  * ${'é'.repeat(30)}\n  ${'a'.repeat(30)} end`,
    );
  });
});
