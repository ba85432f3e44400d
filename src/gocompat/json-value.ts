/**
 * A parsed JSON document as the client layer sees it. Integers beyond ±(2^53 − 1) are `bigint`
 * (the P-521 key integers in replication activation bundles and wrapping public keys), exactly
 * as `parseLosslessJSON` gives them to the core, so one representation crosses every
 * layer; `stringifyJson` writes them back digit for digit. All other numbers are `number`.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A number literal's value: `bigint` for an integer a double cannot hold exactly. */
export function jsonNumberValue(text: string): number | bigint {
  const value = Number(text);
  if (Number.isSafeInteger(value) || !/^-?\d+$/.test(text)) return value;
  return BigInt(text);
}

export const isJsonObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
