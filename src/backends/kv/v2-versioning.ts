import type { ViewTxn } from '../../logical/storage-view.js';
import {
  DEFAULT_MAX_VERSIONS,
  DELETE_VERSION_AFTER_DISABLED,
  type KeyMetadata,
  type KvConfig,
  type VersionMetadata,
  versionKey,
} from './v2-storage.js';

/**
 * The plugin's `deletionTime`: the shorter of the mount's and the key's delete_version_after
 * (whichever is set) after `from`, or null when neither is set or the mount disables it.
 */
export function scheduledDeletion(from: number, config: KvConfig, meta: KeyMetadata): number | null {
  if (config.deleteVersionAfter === DELETE_VERSION_AFTER_DISABLED) return null;
  const mount = config.deleteVersionAfter;
  const key = meta.deleteVersionAfter;
  if (mount === 0 && key === 0) return null;
  let after = key;
  if ((mount !== 0 && mount < after) || after === 0) after = mount;
  return from + after * 1000;
}

/**
 * The plugin's `KeyMetadata.AddVersion`: appends a version and slides the window of kept
 * versions. The window is the larger of the key's and the mount's max_versions (the plugin
 * takes `max(k.MaxVersions, configMaxVersions)`), or 10 when both are 0. Returns the newest
 * version number that must now be removed from storage (0 for none).
 */
export function addVersion(meta: KeyMetadata, vm: VersionMetadata, configMaxVersions: number): number {
  meta.currentVersion += 1;
  meta.versions[String(meta.currentVersion)] = vm;
  meta.updated = vm.created;
  if (meta.created === 0) meta.created = vm.created;
  const larger = Math.max(meta.maxVersions, configMaxVersions);
  const maxVersions = larger > 0 ? larger : DEFAULT_MAX_VERSIONS;
  if (meta.currentVersion - meta.oldestVersion < maxVersions) return 0;
  const toDelete = meta.currentVersion - maxVersions;
  for (let v = meta.oldestVersion; v <= toDelete; v++) delete meta.versions[String(v)];
  meta.oldestVersion = toDelete + 1;
  return toDelete;
}

/** The plugin's `cleanupOldVersions`: remove stored versions from `newest` down until one is missing. */
export function pruneVersions(tx: ViewTxn, key: string, newest: number): void {
  for (let v = newest; v > 0; v--) {
    const k = versionKey(key, v);
    if (tx.get(k) === null) break;
    tx.delete(k);
  }
}
