import { DataArgError, parseDataArgs, type StdinSource } from '../../kv-data.js';

/** Vault's weak decoding of one value to a string (bools become "1"/"0"). */
function weakString(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value === null || value === undefined) return '';
  throw new DataArgError(
    `failed to convert values to strings: '${key}' expected type 'string', got unconvertible type`,
  );
}

/** `parseArgsDataString`: K=V arguments (with `-`, `@file`) as a string map, never nil. */
export async function parseStringArgs(
  args: readonly string[],
  stdin: StdinSource,
): Promise<Record<string, string>> {
  const data = (await parseDataArgs(args, stdin)) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) out[k] = weakString(k, v);
  return out;
}
