/**
 * Go string semantics the CLI output depends on: byte-order comparison (`sort.Strings`,
 * fmt's map ordering), `strings.TrimSpace` (Unicode White_Space, not JS's trim set), and
 * the two ways Go measures text: UTF-8 bytes (`len`) and runes.
 */
const WHITE_SPACE = /\p{White_Space}/u;

export const isGoSpace = (ch: string): boolean => WHITE_SPACE.test(ch);

export function goTrimSpace(s: string): string {
  const chars = Array.from(s);
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start] ?? '')) start++;
  while (end > start && isGoSpace(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/** Compares as Go compares strings: by UTF-8 bytes, i.e. by code points. */
export function compareGoStrings(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done === true) return y.done === true ? 0 : -1;
    if (y.done === true) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

export const sortGoStrings = (keys: readonly string[]): string[] => [...keys].sort(compareGoStrings);

/** `utf8.RuneCountInString`. */
export const runeCount = (s: string): number => Array.from(s).length;

/** Go's `len(s)`: the UTF-8 byte length. */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
