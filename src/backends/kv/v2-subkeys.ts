import { internalError } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import { respondWithStatus } from './respond-with-status.js';
import { isDeleted, loadMetadata, loadVersion } from './v2-storage.js';
import { versionFields } from './v2-version-fields.js';

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
  const meta = await loadMetadata(ctx.storage, key);
  if (meta === null) return null;
  const version = requested > 0 ? requested : meta.currentVersion;
  const vm = meta.versions[String(version)];
  if (vm === undefined) return null;
  const metadata = versionFields(version, vm, meta);
  if (isDeleted(vm, Date.now()) || vm.destroyed) {
    return respondWithStatus(req, 404, { data: { metadata, subkeys: null } });
  }
  const stored = await loadVersion(ctx.storage, key, version);
  if (stored === null) throw internalError('could not find version data');
  return { data: { metadata, subkeys: stripValues(stored.data, depth) } };
};
