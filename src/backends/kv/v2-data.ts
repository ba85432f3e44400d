import { badRequest, internalError } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, Handler } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import type { ViewTxn } from '../../logical/storage-view.js';
import { mergePatch } from './merge-patch.js';
import { respondWithStatus } from './respond-with-status.js';
import { checkAndSet } from './v2-cas.js';
import { invalidPath } from './v2-invalid.js';
import { readVersion } from './v2-read-version.js';
import {
  isDeleted,
  type KeyMetadata,
  type KvConfig,
  loadMetadata,
  newMetadata,
  type StoredVersion,
  txConfig,
  txGet,
  txMetadata,
  txPut,
  txPutMetadata,
  versionKey,
} from './v2-storage.js';
import { versionFields } from './v2-version-fields.js';
import { addVersion, pruneVersions, scheduledDeletion } from './v2-versioning.js';

/** `data/<path>`: the plugin's pattern refuses a trailing slash, which falls to `pathInvalid`. */
const secretKey = (f: Fields): string => f.string('path') ?? '';

export const noTrailingSlash =
  (handler: Handler): Handler =>
  (req, f, ctx) =>
    secretKey(f).endsWith('/') ? invalidPath(req, f, ctx) : handler(req, f, ctx);

/** Reads a version (`?version=N`, default the current one). Deleted or destroyed: 404 with its metadata. */
export const readData: Handler = async (req, f, ctx) => {
  const key = secretKey(f);
  const found = await readVersion(ctx.storage, key, f.int('version') ?? 0);
  if (found === null) return null;
  if (!found.live) return respondWithStatus(req, 404, { data: { data: null, metadata: found.metadata } });
  return { data: { data: found.data, metadata: found.metadata } };
};

/** Appends a version inside `tx`; the write response of both write and patch. */
function appendVersion(
  tx: ViewTxn,
  config: KvConfig,
  meta: KeyMetadata,
  data: Record<string, unknown>,
): Response {
  const now = Date.now();
  const stored: StoredVersion = { data, created: now };
  txPut(tx, versionKey(meta.key, meta.currentVersion + 1), stored);
  const vm = { created: now, deleted: scheduledDeletion(now, config, meta), destroyed: false };
  const prune = addVersion(meta, vm, config.maxVersions);
  txPutMetadata(tx, meta);
  pruneVersions(tx, meta.key, prune);
  return { data: versionFields(meta.currentVersion, vm, meta) };
}

export const writeData: Handler = async (_req, f, ctx) => {
  const key = secretKey(f);
  if (key === '') throw badRequest('missing path');
  if (!f.has('data')) throw badRequest('no data provided');
  const data = f.map('data') ?? {};
  return ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key) ?? newMetadata(key);
    const config = txConfig(tx);
    checkAndSet(f, config, meta);
    return appendVersion(tx, config, meta, data);
  });
};

/** JSON merge patch of `data` onto the current version, which must exist and be live. */
export const patchData: Handler = async (req, f, ctx) => {
  const key = secretKey(f);
  if (!f.has('data')) throw badRequest('no data provided');
  const patch = f.map('data') ?? {};
  return ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key);
    if (meta === null) return respondWithStatus(req, 404);
    const config = txConfig(tx);
    checkAndSet(f, config, meta);
    const vm = meta.versions[String(meta.currentVersion)];
    if (vm === undefined) return respondWithStatus(req, 404);
    if (isDeleted(vm, Date.now()) || vm.destroyed) {
      return respondWithStatus(req, 404, { data: versionFields(meta.currentVersion, vm, meta) });
    }
    const current = txGet<StoredVersion>(tx, versionKey(key, meta.currentVersion));
    if (current === null) throw internalError('could not find version data');
    const patched = mergePatch(current.data, patch) as Record<string, unknown>;
    return appendVersion(tx, config, meta, patched);
  });
};

/** Soft-deletes the current version (undo with `undelete/`). */
export const deleteData: Handler = async (_req, f, ctx) => {
  const key = secretKey(f);
  await ctx.storage.transaction((tx) => {
    const meta = txMetadata(tx, key);
    const now = Date.now();
    const vm = meta?.versions[String(meta.currentVersion)];
    if (meta === null || vm === undefined || vm.destroyed || isDeleted(vm, now)) return;
    vm.deleted = now;
    txPutMetadata(tx, meta);
  });
  return null;
};

export const dataExists = async (_req: Request, f: Fields, ctx: BackendContext): Promise<boolean> =>
  (await loadMetadata(ctx.storage, secretKey(f))) !== null;
