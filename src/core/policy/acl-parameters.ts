/**
 * Parameter constraints of the winning rule (the tail of AllowOperation in vault/acl.go):
 * required names must be present, denied names/values refuse, and when an allow-list exists
 * every request parameter must be on it. Names compare lower-cased; string values match
 * Vault's globs (`*x`, `x*`, `*x*`); a string is also read as a comma-separated list.
 */
import type { Permissions } from './acl-permissions.js';

export function parametersAllowed(perms: Permissions, data: Readonly<Record<string, unknown>>): boolean {
  for (const name of perms.requiredParameters) {
    if (!Object.hasOwn(data, name.toLowerCase())) return false;
  }
  const entries = Object.entries(data);
  if (entries.length === 0) return true;

  const denied = perms.deniedParameters;
  if (denied !== undefined && denied.size > 0) {
    if (denied.has('*')) return false;
    for (const [name, value] of entries) {
      const values = denied.get(name.toLowerCase());
      if (values !== undefined && inDeniedList(value, values)) return false;
    }
  }

  const allowed = perms.allowedParameters;
  if (allowed === undefined || allowed.size === 0) return true;
  const allowedAll = allowed.has('*');
  if (allowed.size === 1 && allowedAll) return true;
  for (const [name, value] of entries) {
    const values = allowed.get(name.toLowerCase());
    if (values === undefined) {
      if (!allowedAll) return false;
    } else if (!inAllowedList(value, values)) {
      return false;
    }
  }
  return true;
}

/** Every element of an array, or of a comma-separated string, must be allowed. */
function inAllowedList(value: unknown, list: readonly unknown[]): boolean {
  if (list.length === 0 || inList(value, list)) return true;
  if (Array.isArray(value)) return value.every((v) => inList(v, list));
  if (typeof value === 'string') return commaList(value).every((v) => inList(v, list));
  return false;
}

/** Any element of an array, or of a comma-separated string, being denied refuses. */
function inDeniedList(value: unknown, list: readonly unknown[]): boolean {
  if (list.length === 0 || inList(value, list)) return true;
  if (Array.isArray(value)) return value.some((v) => inList(v, list));
  if (typeof value === 'string') return commaList(value).some((v) => inList(v, list));
  return false;
}

/** parseutil.ParseCommaStringSlice: "" is the empty list; elements are trimmed. */
const commaList = (value: string): string[] => (value === '' ? [] : value.split(',').map((v) => v.trim()));

function inList(value: unknown, list: readonly unknown[]): boolean {
  return list.some((element) => {
    if (element === null || element === undefined || value === null || value === undefined) {
      return (element ?? null) === (value ?? null);
    }
    if (typeof element === 'string') return typeof value === 'string' && globMatch(element, value);
    return deepEqual(element, value);
  });
}

/** strutil.GlobbedStringsMatch: a leading and/or trailing `*`; a lone `*` is literal. */
export function globMatch(pattern: string, value: string): boolean {
  if (pattern.length < 2) return value === pattern;
  const leading = pattern.startsWith('*');
  const trailing = pattern.endsWith('*');
  if (leading && trailing) return value.includes(pattern.slice(1, -1));
  if (leading) return value.endsWith(pattern.slice(1));
  if (trailing) return value.startsWith(pattern.slice(0, -1));
  return value === pattern;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  const aRecord = a as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => Object.hasOwn(bRecord, key) && deepEqual(aRecord[key], bRecord[key]))
  );
}
