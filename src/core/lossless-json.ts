/**
 * JSON.parse, except that integers beyond Number.MAX_SAFE_INTEGER become bigint instead of
 * silently losing digits (the P-521 key integers of an activation bundle are such numbers).
 * Everything else parses exactly as JSON.parse would.
 */
export function parseLosslessJSON(text: string): unknown {
  if (!/\d{16,}/.test(text)) return JSON.parse(text);
  const marker = `\u0000big:${Math.random().toString(36).slice(2)}:`;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 4096));
      const literal = match?.[0] ?? c;
      const isInteger = match !== null && match[1] === undefined && match[2] === undefined;
      out +=
        isInteger && !Number.isSafeInteger(Number(literal)) ? JSON.stringify(`${marker}${literal}`) : literal;
      i += literal.length;
      continue;
    }
    out += c;
    i++;
  }
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(marker) ? BigInt(value.slice(marker.length)) : value,
  );
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/**
 * JSON.stringify that writes bigint values as JSON numbers, digit for digit, keeping key
 * order (storage and audit lines; responses go through go-json, which also sorts keys).
 */
export function stringifyLossless(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  const marker = `\u0000big:${Math.random().toString(36).slice(2)}:`;
  const text =
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${marker}${v.toString()}` : v)) ??
    'null';
  const escaped = JSON.stringify(marker).slice(1, -1);
  return text.replace(new RegExp(`"${escaped.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(-?\\d+)"`, 'g'), '$1');
}
