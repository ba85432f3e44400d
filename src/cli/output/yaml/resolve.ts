/**
 * yaml.v2 (v2.4.0) `resolve`: the tag a plain scalar would get when read back. The encoder
 * uses it to decide whether a string may be written unquoted (`foo`) or must be quoted
 * (`"true"`, `"123"`, `""`, `"2018-03-22T02:24:06Z"`).
 */
export type YamlTag = 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp';

export type YamlScalarValue =
  | { readonly tag: 'int'; readonly value: bigint }
  | { readonly tag: 'float'; readonly value: number }
  | { readonly tag: Exclude<YamlTag, 'int' | 'float'> };

const MAP: ReadonlyMap<string, YamlScalarValue> = new Map<string, YamlScalarValue>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (s) => [s, { tag: 'bool' }] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (s) => [s, { tag: 'bool' }] as const,
  ),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, { tag: 'null' }] as const),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, { tag: 'float', value: Number.NaN }] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(
    (s) => [s, { tag: 'float', value: Number.POSITIVE_INFINITY }] as const,
  ),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, { tag: 'float', value: Number.NEGATIVE_INFINITY }] as const),
]);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The magnitude part of Go's base-0 integer syntax (`0x1f`, `0o17`, `017`, `0b101`, `42`). */
function parseBase0Magnitude(s: string): bigint | undefined {
  const prefixed = /^0([xXoObB])(.+)$/.exec(s);
  if (prefixed !== null) {
    const [, p = '', digits = ''] = prefixed;
    const kind = p.toLowerCase();
    const valid = kind === 'x' ? /^[0-9a-fA-F]+$/ : kind === 'o' ? /^[0-7]+$/ : /^[01]+$/;
    return valid.test(digits) ? BigInt(`0${kind}${digits}`) : undefined;
  }
  if (s.length > 1 && s.startsWith('0')) return /^0[0-7]+$/.test(s) ? BigInt(`0o${s.slice(1)}`) : undefined;
  return /^\d+$/.test(s) ? BigInt(s) : undefined;
}

/** `strconv.ParseInt(s, 0, 64)`. */
export function parseGoIntBase0(s: string): bigint | undefined {
  const sign = s.startsWith('-') ? -1n : 1n;
  const body = s.startsWith('-') || s.startsWith('+') ? s.slice(1) : s;
  const magnitude = parseBase0Magnitude(body);
  if (magnitude === undefined) return undefined;
  const n = sign * magnitude;
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** `strconv.ParseUint(s, 0, 64)`. */
function parseGoUintBase0(s: string): bigint | undefined {
  const n = parseBase0Magnitude(s);
  return n === undefined || n > UINT64_MAX ? undefined : n;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** The subset of yaml.v2's timestamp formats that `time.Parse` accepts, with range checks. */
const TIMESTAMP_FORMATS = [
  /^(\d{4})-(\d\d?)-(\d\d?)[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d)$/,
  /^(\d{4})-(\d\d?)-(\d\d?) (\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?$/,
  /^(\d{4})-(\d\d?)-(\d\d?)()()()$/,
];

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (year: number, month: number): number =>
  month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] ?? 0);

export function isYamlTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  return TIMESTAMP_FORMATS.some((format) => {
    const m = format.exec(s);
    if (m === null) return false;
    const [year, month, day, hour, min, sec] = m.slice(1).map((part) => Number(part === '' ? '0' : part));
    if (year === undefined || month === undefined || day === undefined) return false;
    if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
    return (hour ?? 0) < 24 && (min ?? 0) < 60 && (sec ?? 0) < 60;
  });
}

function resolveNumeric(s: string): YamlScalarValue | undefined {
  if (isYamlTimestamp(s)) return { tag: 'timestamp' };
  const plain = s.replaceAll('_', '');
  const int = parseGoIntBase0(plain) ?? parseGoUintBase0(plain);
  if (int !== undefined) return { tag: 'int', value: int };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return { tag: 'float', value: f };
  }
  return undefined;
}

/** `resolve("", s)`. */
export function resolvePlain(s: string): YamlScalarValue {
  const first = s[0];
  if (first === undefined) return { tag: 'null' };
  const known = MAP.get(s);
  if (first === '.') {
    if (known !== undefined) return known;
    // strconv.ParseFloat allows an underscore only between two digits.
    const underscoresOk = !/(^|\D)_|_(\D|$)/.test(s);
    const bare = s.replaceAll('_', '');
    const f = underscoresOk && /^\.\d+([eE][-+]?\d+)?$/.test(bare) ? Number(bare) : Number.NaN;
    return Number.isFinite(f) ? { tag: 'float', value: f } : { tag: 'str' };
  }
  if ('yYnNtTfFoO~'.includes(first)) return known ?? { tag: 'str' };
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    return known ?? resolveNumeric(s) ?? { tag: 'str' };
  }
  return { tag: 'str' };
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** `isBase60Float`: YAML 1.1 sexagesimal numbers, quoted for other parsers' sake. */
export function isBase60Float(s: string): boolean {
  const c = s[0];
  if (c === undefined || !(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':'))
    return false;
  return BASE60_FLOAT.test(s);
}
