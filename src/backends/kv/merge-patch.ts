/**
 * JSON Merge Patch (RFC 7386), as Vault's `framework.HandlePatchOperation` applies it:
 * objects merge key by key, `null` removes a key, anything else replaces the target.
 * Returns a new value; neither input is modified.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
