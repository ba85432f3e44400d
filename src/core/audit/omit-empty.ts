/**
 * Go's `json:",omitempty"` for one struct level: drops fields that are undefined, null,
 * '', 0, false, empty lists or empty maps. Key order is kept, so building the object in
 * Vault's field order gives Vault's output order.
 */
export function omitEmpty<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!isEmpty(value)) out[key] = value;
  }
  return out as T;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && !(value instanceof Date)) return Object.keys(value).length === 0;
  return false;
}
