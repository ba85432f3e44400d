/**
 * Go's strconv.ParseBool, the one spelling table every layer uses: `1 t T TRUE true True`
 * and `0 f F FALSE false False`, nothing else (no trimming: callers that trim say so).
 * Callers differ only in what they do with a bad value, so this returns undefined for one
 * and each caller words its own error, or uses `GoParseBoolError` for Go's own text.
 */
const GO_BOOLS: ReadonlyMap<string, boolean> = new Map([
  ['1', true],
  ['t', true],
  ['T', true],
  ['TRUE', true],
  ['true', true],
  ['True', true],
  ['0', false],
  ['f', false],
  ['F', false],
  ['FALSE', false],
  ['false', false],
  ['False', false],
]);

export const parseGoBool = (text: string): boolean | undefined => GO_BOOLS.get(text);

/** The error strconv.ParseBool returns: `strconv.ParseBool: parsing "x": invalid syntax`. */
export class GoParseBoolError extends Error {
  override readonly name = 'GoParseBoolError';
  constructor(text: string) {
    super(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
}

/** strconv.ParseBool with Go's error: throws `GoParseBoolError` for anything but a Go bool. */
export function parseGoBoolOrThrow(text: string): boolean {
  const parsed = GO_BOOLS.get(text);
  if (parsed === undefined) throw new GoParseBoolError(text);
  return parsed;
}
