import { byteLength, goTrimSpace } from './go-strings.js';

/**
 * kr/text v0.2.0 `Wrap` (minimum-raggedness line breaking, widths in UTF-8 bytes) and Vault's
 * `wrapAtLengthWithPadding`, used for the warnings banner: lines of at most 78 columns.
 */
export const MAX_LINE_LENGTH = 78;
const PENALTY = 1e5;
const MAX_INT32 = 2 ** 31 - 1;

export function wrapText(s: string, lim: number): string {
  const words = goTrimSpace(s).replaceAll('\n', ' ').split(' ');
  const n = words.length;
  const prefix = [0];
  for (const word of words) prefix.push((prefix[prefix.length - 1] ?? 0) + byteLength(word));
  // length(i, j): width of words i..j joined by single spaces.
  const length = (i: number, j: number): number => (prefix[j + 1] ?? 0) - (prefix[i] ?? 0) + (j - i);
  const cost: number[] = new Array<number>(n).fill(MAX_INT32);
  const nbrk: number[] = new Array<number>(n).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    if (length(i, n - 1) <= lim || i === n - 1) {
      cost[i] = 0;
      nbrk[i] = n;
      continue;
    }
    for (let j = i + 1; j < n; j++) {
      const len = length(i, j - 1);
      const d = lim - len;
      let c = d * d + (cost[j] ?? 0);
      if (len > lim) c += PENALTY;
      if (c < (cost[i] ?? MAX_INT32)) {
        cost[i] = c;
        nbrk[i] = j;
      }
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < n; ) {
    const next = nbrk[i] ?? n;
    lines.push(words.slice(i, next).join(' '));
    i = next;
  }
  return lines.join('\n');
}

export function wrapAtLengthWithPadding(s: string, pad: number): string {
  const prefix = ' '.repeat(pad);
  return wrapText(s, MAX_LINE_LENGTH - pad)
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
