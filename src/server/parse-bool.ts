/** Go's strconv.ParseBool: the spellings Vault accepts for `?list=` and boolean headers. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

export class ParseBoolError extends Error {
  override readonly name = 'ParseBoolError';
  constructor(text: string) {
    super(`strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax`);
  }
}

export function parseGoBool(text: string): boolean {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new ParseBoolError(text);
}
