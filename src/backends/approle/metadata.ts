import { errorResponse } from './errors.js';

/**
 * strutil.ParseArbitraryKeyValues for a secret id's `metadata`: a JSON object (possibly
 * base64-encoded) of string values, or `k1=v1,k2=v2`. An object given directly is accepted too.
 */
export function parseMetadata(input: unknown): Record<string, string> {
  if (input === undefined || input === null || input === '') return {};
  if (typeof input === 'object' && !Array.isArray(input))
    return stringValues(input as Record<string, unknown>);
  if (typeof input !== 'string') throw errorResponse('failed to parse metadata: invalid metadata');
  const json = tryJSON(input) ?? tryJSON(Buffer.from(input, 'base64').toString('utf8'));
  if (json !== undefined) return stringValues(json);
  const out: Record<string, string> = {};
  for (const pair of input.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0)
      throw errorResponse(`failed to parse metadata: invalid key/value pair ${JSON.stringify(pair)}`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

function tryJSON(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined; // not JSON: the caller tries the next form
  }
}

function stringValues(map: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string')
      throw errorResponse('failed to parse metadata: metadata values must be strings');
    out[k] = v;
  }
  return out;
}
