/** Go's `strconv.Quote` (the `%q` verb) and `%q` applied to a `[]string`. */
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
};

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function quoteRune(ch: string): string {
  if (ch === '"' || ch === '\\') return `\\${ch}`;
  let cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x20 || (PRINTABLE.test(ch) && !(cp >= 0xd800 && cp <= 0xdfff))) return ch;
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  return cp < 0x10000 ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

export const goQuote = (s: string): string => `"${Array.from(s, quoteRune).join('')}"`;

/** `fmt.Sprintf("%q", []string{...})`: `["a" "b"]`; a nil or empty slice is `[]`. */
export const goQuoteStrings = (list: readonly string[] | null | undefined): string =>
  `[${(list ?? []).map(goQuote).join(' ')}]`;
