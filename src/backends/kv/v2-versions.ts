import { badRequest, multiError } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { Handler } from '../../logical/path-spec.js';
import { isDeleted, txConfig, txMetadata, txPutMetadata, versionKey } from './v2-storage.js';
import { scheduledDeletion } from './v2-versioning.js';

/** `versions` is a TypeCommaIntSlice: a JSON list or a comma-separated string of integers. */
function versionsOf(f: Fields, missing: string): number[] {
  const versions = (f.strings('versions') ?? []).map((text) => {
    if (!/^[-+]?\d+$/.test(text)) {
      throw badRequest(
        multiError([
          `error converting input ${text} for field "versions": strconv.Atoi: parsing "${text}": invalid syntax`,
        ]),
      );
    }
    return Number.parseInt(text, 10);
  });
  if (versions.length === 0) throw badRequest(missing);
  return versions;
}

/** `delete/<path>`: soft-deletes the listed versions. */
export const deleteVersions: Handler = async (_req, f, ctx) => {
  const key = f.string('path') ?? '';
  const versions = versionsOf(f, 'No version number provided');
  await ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key);
    if (meta === null) return;
    const now = Date.now();
    for (const v of versions) {
      const vm = meta.versions[String(v)];
      if (vm === undefined || vm.destroyed || isDeleted(vm, now)) continue;
      vm.deleted = now;
    }
    txPutMetadata(tx, meta);
  });
  return null;
};

/** `undelete/<path>`: clears the deletion of the listed versions (re-arming delete_version_after). */
export const undeleteVersions: Handler = async (_req, f, ctx) => {
  const key = f.string('path') ?? '';
  const versions = versionsOf(f, 'No version number provided');
  await ctx.storage.transaction((tx) => {
    const config = txConfig(tx);
    const meta = txMetadata(tx, key);
    if (meta === null) return;
    for (const v of versions) {
      const vm = meta.versions[String(v)];
      if (vm === undefined || vm.destroyed) continue;
      vm.deleted = scheduledDeletion(Date.now(), config, meta);
    }
    txPutMetadata(tx, meta);
  });
  return null;
};

/** `destroy/<path>`: marks the listed versions destroyed and removes their data for good. */
export const destroyVersions: Handler = async (_req, f, ctx) => {
  const key = f.string('path') ?? '';
  const versions = versionsOf(f, 'no version number provided');
  await ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key);
    if (meta === null) return;
    for (const v of versions) {
      const vm = meta.versions[String(v)];
      if (vm !== undefined) vm.destroyed = true;
    }
    txPutMetadata(tx, meta);
    for (const v of versions) tx.delete(versionKey(key, v));
  });
  return null;
};
