import { byteLength } from './go-strings.js';

/**
 * The section titles of `vault kv get`/`kv put` (command/kv_helpers.go): `== Secret Path ==`
 * sized to the path, `======= Metadata =======` sized to the widest key plus the table's
 * glue and the width of "Value".
 */
export function padEqualSigns(header: string, totalLen: number): string {
  let equalSigns = totalLen - (byteLength(header) + 2);
  if (equalSigns <= 0) equalSigns = 4;
  if (equalSigns % 2 !== 0) equalSigns++;
  const side = '='.repeat(equalSigns / 2);
  return `${side} ${header} ${side}`;
}

/** `getHeaderForMap`: 4 for the column glue and 5 for "Value". */
export function headerForMap(header: string, data: Readonly<Record<string, unknown>>): string {
  const maxKey = Object.keys(data).reduce((max, k) => Math.max(max, byteLength(k)), 0);
  return padEqualSigns(header, maxKey + 4 + 5);
}

/** `outputPath`: the title, the path and a blank line. */
export const pathSection = (path: string, title: string): string[] => [
  padEqualSigns(title, byteLength(path)),
  path,
  '',
];
