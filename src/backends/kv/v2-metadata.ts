import { formatGoDuration } from '../../gocompat/duration.js';
import { formatOptionalTime, msToRfc3339Nano } from '../../gocompat/time.js';
import { badRequest, multiError } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, Handler } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import { parseCustomMetadata } from './custom-metadata.js';
import { mergePatch } from './merge-patch.js';
import { respondWithStatus } from './respond-with-status.js';
import {
  type KeyMetadata,
  loadConfig,
  loadMetadata,
  METADATA_PREFIX,
  metadataKey,
  newMetadata,
  txMetadata,
  txPutMetadata,
  versionKey,
} from './v2-storage.js';

const CAS_IGNORED_WARNING =
  '"cas_required" set to false, but is mandated by backend config. This value will be ignored.';

const keyOf = (f: Fields): string => f.string('path') ?? '';

/** Writes and patches need a key naming a secret, not a folder. */
function writableKey(f: Fields): string {
  const key = keyOf(f);
  if (key === '' || key.endsWith('/')) throw badRequest('missing path');
  return key;
}

/** delete_version_after on a key is a TypeDurationSecond: negative values are refused. */
function keyDeleteVersionAfter(f: Fields): number | undefined {
  const seconds = f.duration('delete_version_after');
  if (seconds !== undefined && seconds < 0) {
    throw badRequest(
      multiError([
        `error converting input ${String(f.raw.delete_version_after)} for field "delete_version_after": cannot provide negative value`,
      ]),
    );
  }
  return seconds;
}

async function casWarning(f: Fields, ctx: BackendContext): Promise<Response | null> {
  if (f.bool('cas_required') === false && (await loadConfig(ctx.storage)).casRequired) {
    return { warnings: [CAS_IGNORED_WARNING] };
  }
  return null;
}

export const readMetadata: Handler = async (_req, f, ctx) => {
  const meta = await loadMetadata(ctx.storage, keyOf(f));
  if (meta === null) return null;
  const versions: Record<string, unknown> = {};
  for (const [n, vm] of Object.entries(meta.versions)) {
    versions[n] = {
      created_time: msToRfc3339Nano(vm.created),
      deletion_time: formatOptionalTime(vm.deleted),
      destroyed: vm.destroyed,
    };
  }
  return {
    data: {
      cas_required: meta.casRequired,
      created_time: msToRfc3339Nano(meta.created),
      current_version: meta.currentVersion,
      custom_metadata: meta.customMetadata,
      delete_version_after: formatGoDuration(meta.deleteVersionAfter),
      max_versions: meta.maxVersions,
      oldest_version: meta.oldestVersion,
      updated_time: msToRfc3339Nano(meta.updated),
      versions,
    },
  };
};

/** Sets per-key settings, creating the metadata (with no versions) if needed. */
export const writeMetadata: Handler = async (_req, f, ctx) => {
  const key = writableKey(f);
  const maxVersions = f.int('max_versions');
  const casRequired = f.bool('cas_required');
  const deleteVersionAfter = keyDeleteVersionAfter(f);
  const customRaw = f.map('custom_metadata');
  if (
    maxVersions === undefined &&
    casRequired === undefined &&
    deleteVersionAfter === undefined &&
    !customRaw
  ) {
    return null;
  }
  const custom = customRaw ? parseCustomMetadata(customRaw, false) : undefined;
  const warning = await casWarning(f, ctx);
  await ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key) ?? newMetadata(key, Date.now());
    if (maxVersions !== undefined) meta.maxVersions = maxVersions;
    if (casRequired !== undefined) meta.casRequired = casRequired;
    if (deleteVersionAfter !== undefined) meta.deleteVersionAfter = deleteVersionAfter;
    if (custom !== undefined) meta.customMetadata = custom;
    txPutMetadata(tx, meta);
  });
  return warning;
};

/** JSON merge patch of the four settable fields; `custom_metadata: {k: null}` removes k. */
export const patchMetadata: Handler = async (req, f, ctx) => {
  const key = writableKey(f);
  const patch: Record<string, unknown> = {};
  if (f.has('max_versions')) patch.max_versions = f.int('max_versions');
  if (f.has('cas_required')) patch.cas_required = f.bool('cas_required');
  if (f.has('delete_version_after')) patch.delete_version_after = keyDeleteVersionAfter(f);
  const customRaw = f.map('custom_metadata');
  if (customRaw) {
    parseCustomMetadata(customRaw, true);
    patch.custom_metadata = customRaw;
  }
  const warning = await casWarning(f, ctx);
  return ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key);
    if (meta === null) return respondWithStatus(req, 404);
    const merged = mergePatch(settable(meta), patch) as Record<string, unknown>;
    meta.maxVersions = typeof merged.max_versions === 'number' ? merged.max_versions : 0;
    meta.casRequired = merged.cas_required === true;
    meta.deleteVersionAfter =
      typeof merged.delete_version_after === 'number' ? merged.delete_version_after : 0;
    const custom = merged.custom_metadata;
    meta.customMetadata =
      custom !== null && typeof custom === 'object'
        ? parseCustomMetadata(custom as Record<string, unknown>, true)
        : null;
    txPutMetadata(tx, meta);
    // An empty answer, not none: a successful patch is 204, where "no answer" to a patch is 404.
    return warning ?? {};
  });
};

const settable = (meta: KeyMetadata): Record<string, unknown> => ({
  max_versions: meta.maxVersions,
  cas_required: meta.casRequired,
  delete_version_after: meta.deleteVersionAfter,
  ...(meta.customMetadata ? { custom_metadata: meta.customMetadata } : {}),
});

/** Removes the key: its metadata and every stored version. */
export const deleteMetadata: Handler = async (_req, f, ctx) => {
  const key = keyOf(f);
  await ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key);
    if (meta === null) return;
    for (const n of Object.keys(meta.versions)) tx.delete(versionKey(key, Number(n)));
    tx.delete(metadataKey(key));
  });
  return null;
};

/** One level of keys under a folder: `foo`, `bar/`; `exclude_deleted` hides keys whose current version is deleted. */
export const listMetadata: Handler = async (_req, f, ctx) => {
  const folder = keyOf(f);
  const prefix = folder === '' || folder.endsWith('/') ? folder : `${folder}/`;
  const keys = await ctx.storage.list(`${METADATA_PREFIX}${prefix}`);
  if (f.bool('exclude_deleted') !== true) return { data: { keys } };
  const kept: string[] = [];
  for (const name of keys) {
    if (!name.endsWith('/')) {
      const meta = await loadMetadata(ctx.storage, `${prefix}${name}`);
      if (meta?.versions[String(meta.currentVersion)]?.deleted != null) continue;
    }
    kept.push(name);
  }
  return { data: { keys: kept } };
};

export const metadataExists = async (_req: Request, f: Fields, ctx: BackendContext): Promise<boolean> =>
  (await loadMetadata(ctx.storage, keyOf(f))) !== null;
