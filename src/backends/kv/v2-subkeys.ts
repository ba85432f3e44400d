import { internalError } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import { respondWithStatus } from './respond-with-status.js';
import { readVersion } from './v2-read-version.js';

/**
 * The plugin's `removeValues`: every leaf (a non-map, or an empty map, or any map at the
 * depth limit) becomes null, leaving only the shape of the secret. depth 0 = no limit.
 */
export function stripValues(
  input: Record<string, unknown>,
  maxDepth: number,
  depth = 1,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const isMap = value !== null && typeof value === 'object' && !Array.isArray(value);
    const next = depth + 1;
    if (isMap && Object.keys(value).length > 0 && (maxDepth === 0 || next <= maxDepth)) {
      out[key] = stripValues(value as Record<string, unknown>, maxDepth, next);
    } else {
      out[key] = null;
    }
  }
  return out;
}

/** `subkeys/<path>`: the secret's keys without values (`?version=N`, `?depth=N`). */
export const readSubkeys: Handler = async (req, f, ctx) => {
  const key = f.string('path') ?? '';
  const requested = f.int('version') ?? 0;
  const depth = f.int('depth') ?? 0;
  const found = await readVersion(ctx.storage, key, requested);
  if (found === null) return null;
  if (!found.live) return respondWithStatus(req, 404, { data: { metadata: found.metadata, subkeys: null } });
  return { data: { metadata: found.metadata, subkeys: stripValues(found.data, depth) } };
};
