import { goEscape } from '../core/go-json.js';

export interface StringifyOptions {
  /** Indent each level with this (e.g. two spaces or a tab); compact when absent. */
  readonly indent?: string;
  /** Sort object keys, as Go marshals a map; default false (insertion order, as a Go struct). */
  readonly sortKeys?: boolean;
  /** Escape `<`, `>`, `&`, U+2028 and U+2029 as Go's encoder does by default; default false. */
  readonly escapeHtml?: boolean;
}

/**
 * JSON.stringify that writes bigint values as bare digits (Node 20 has no `JSON.rawJSON`),
 * with optional Go map-key order and HTML escaping. `undefined` at the top
 * is `null`; in objects it is skipped and in arrays it is `null`, as JSON.stringify does.
 * NaN and Infinity throw, as Go's encoder refuses them.
 */
export function stringifyJson(value: unknown, opts: StringifyOptions = {}): string {
  const text = write(value, opts, '') ?? 'null';
  return opts.escapeHtml ? goEscape(text) : text;
}

function write(value: unknown, opts: StringifyOptions, outer: string): string | undefined {
  const prepared = toJsonValue(value);
  if (prepared === null) return 'null';
  switch (typeof prepared) {
    case 'string':
      return JSON.stringify(prepared);
    case 'boolean':
      return prepared ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(prepared)) throw new TypeError(`json: unsupported value: ${String(prepared)}`);
      return JSON.stringify(prepared);
    case 'bigint':
      return prepared.toString();
    case 'object':
      break;
    default:
      return undefined; // undefined, functions, symbols
  }
  const inner = opts.indent === undefined ? '' : outer + opts.indent;
  const open = opts.indent === undefined ? '' : `\n${inner}`;
  const close = opts.indent === undefined ? '' : `\n${outer}`;
  const colon = opts.indent === undefined ? ':' : ': ';
  if (Array.isArray(prepared)) {
    if (prepared.length === 0) return '[]';
    const items = prepared.map((item: unknown) => write(item, opts, inner) ?? 'null');
    return `[${open}${items.join(`,${open}`)}${close}]`;
  }
  const record = prepared as Record<string, unknown>;
  const keys = Object.keys(record);
  if (opts.sortKeys) keys.sort();
  const members: string[] = [];
  for (const key of keys) {
    const member = write(record[key], opts, inner);
    if (member !== undefined) members.push(`${JSON.stringify(key)}${colon}${member}`);
  }
  if (members.length === 0) return '{}';
  return `{${open}${members.join(`,${open}`)}${close}}`;
}

/** Applies `toJSON` (Dates and the like), as JSON.stringify does. */
function toJsonValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return (toJSON as () => unknown).call(value);
  }
  return value;
}
