import { internalError } from '../../logical/errors.js';
import type { StorageView } from '../../logical/storage-view.js';
import { isDeleted, loadMetadata, loadVersion } from './v2-storage.js';
import { versionFields } from './v2-version-fields.js';

/** What a read of one version finds: no such version, a deleted or destroyed one, or its data. */
export type VersionRead =
  | null
  | { readonly live: false; readonly metadata: Record<string, unknown> }
  | {
      readonly live: true;
      readonly metadata: Record<string, unknown>;
      readonly data: Record<string, unknown>;
    };

/**
 * The version `requested` of `key` (0 or less: the current one) with its metadata fields,
 * as the plugin's data and subkeys reads both look it up.
 */
export async function readVersion(
  storage: StorageView,
  key: string,
  requested: number,
): Promise<VersionRead> {
  const meta = await loadMetadata(storage, key);
  if (meta === null) return null;
  const version = requested > 0 ? requested : meta.currentVersion;
  const vm = meta.versions[String(version)];
  if (vm === undefined) return null;
  const metadata = versionFields(version, vm, meta);
  if (isDeleted(vm, Date.now()) || vm.destroyed) return { live: false, metadata };
  const stored = await loadVersion(storage, key, version);
  if (stored === null) throw internalError('could not find version data');
  return { live: true, metadata, data: stored.data };
}
