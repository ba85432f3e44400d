/**
 * Go's url.ParseQuery / url.QueryUnescape: `a=1&a=2&b` → {a: ['1', '2'], b: ['']}.
 * Percent-escapes are decoded as bytes (then UTF-8, lossy) so that bad UTF-8 never throws;
 * a malformed escape or a `;` separator makes the pair an error, as in Go.
 */
export class UrlValuesError extends Error {
  override readonly name = 'UrlValuesError';
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const HEX = /^[0-9a-fA-F]{2}$/;

/** Go's unescape: `mode` 'query' turns '+' into a space; 'path' keeps it. */
export function goUnescape(text: string, mode: 'query' | 'path'): string {
  if (!text.includes('%') && (mode === 'path' || !text.includes('+'))) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charAt(i);
    if (c === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!HEX.test(hex)) {
        throw new UrlValuesError(`invalid URL escape ${JSON.stringify(text.slice(i, i + 3))}`);
      }
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else if (c === '+' && mode === 'query') {
      bytes.push(0x20);
      i += 1;
    } else {
      const codePoint = text.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(char));
      i += char.length;
    }
  }
  return utf8.decode(new Uint8Array(bytes));
}

/** Parses `query` into ordered multi-values. `strict` throws on the first bad pair; else it is skipped. */
export function parseUrlValues(query: string, strict: boolean): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    try {
      if (pair.includes(';')) throw new UrlValuesError('invalid semicolon separator in query');
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = goUnescape(eq < 0 ? pair : pair.slice(0, eq), 'query');
      const value = eq < 0 ? '' : goUnescape(pair.slice(eq + 1), 'query');
      values.set(key, [...(values.get(key) ?? []), value]);
    } catch (error) {
      if (strict) throw error;
    }
  }
  return values;
}
