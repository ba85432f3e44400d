/**
 * yaml.v2's `keyList.Less` for string keys: letters compare by code point, a non-letter sorts
 * before a letter, and runs of digits compare by numeric value (`key9` < `key10`).
 */
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

const isLetter = (cp: number): boolean => LETTER.test(String.fromCodePoint(cp));
const isDigit = (cp: number): boolean => DIGIT.test(String.fromCodePoint(cp));
const codePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0) ?? 0);

function digitRun(runes: readonly number[], from: number, seed: bigint): [bigint, number] {
  let n = seed;
  let end = from;
  while (end < runes.length && isDigit(runes[end] ?? 0)) {
    n = BigInt.asIntN(64, n * 10n + BigInt((runes[end] ?? 0) - 48));
    end++;
  }
  return [n, end];
}

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = codePoints(a);
  const br = codePoints(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] ?? 0;
    const y = br[i] ?? 0;
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let seed = 0n;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] ?? 0); j--) {
        if (ar[j] !== 48) {
          seed = 1n;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, seed);
    const [bn, bi] = digitRun(br, i, seed);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

export const sortYamlKeys = (keys: readonly string[]): string[] =>
  [...keys].sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
