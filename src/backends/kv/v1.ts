import { DurationError, parseDurationSeconds } from '../../gocompat/duration.js';
import { badRequest } from '../../logical/errors.js';
import type { Backend, BackendContext, Handler, PathSpec } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import { encodeJSON, readJSON } from '../../logical/storage-view.js';

/**
 * KV version 1: Vault's PassthroughBackend. The request path (relative to the mount) is
 * the storage key and the request body is the stored JSON map. Like Vault, the handlers
 * use `req.path` and `req.data` directly, so a secret may carry a key named `path`.
 */

/** Lease shown on reads: the secret's own `ttl` (or legacy `lease`) key, else the mount default. */
function refreshInterval(data: Record<string, unknown>, ctx: BackendContext): number {
  const raw = data.ttl !== undefined ? data.ttl : data.lease;
  if (raw !== undefined) {
    try {
      return parseDurationSeconds(raw);
    } catch (error) {
      if (!(error instanceof DurationError)) throw error;
    }
  }
  return ctx.system.defaultLeaseTTL();
}

const read: Handler = async (req, _f, ctx) => {
  const data = await readJSON<Record<string, unknown>>(ctx.storage, req.path);
  if (data === null) return null;
  return { data, lease: { leaseId: '', ttl: refreshInterval(data, ctx), renewable: false } };
};

const write: Handler = async (req, _f, ctx) => {
  if (req.path === '') throw badRequest('missing path');
  if (Object.keys(req.data).length === 0) throw badRequest('missing data fields');
  await ctx.storage.put(req.path, encodeJSON(req.data));
  return null;
};

const remove: Handler = async (req, _f, ctx) => {
  await ctx.storage.delete(req.path);
  return null;
};

const list: Handler = async (req, _f, ctx): Promise<Response> => {
  const prefix = req.path === '' || req.path.endsWith('/') ? req.path : `${req.path}/`;
  return { data: { keys: await ctx.storage.list(prefix) } };
};

const exists = async (req: Request, _f: unknown, ctx: BackendContext): Promise<boolean> =>
  (await ctx.storage.get(req.path)) !== null;

const passthrough = (pattern: string): PathSpec => ({
  pattern,
  auth: 'token',
  synopsis: 'Pass-through secret storage to the storage backend.',
  fields: { path: { type: 'string', description: 'Location of the secret.' } },
  openFields: true,
  ops: { read, create: write, update: write, delete: remove, list },
  exists,
});

export const kvV1Backend: Backend = {
  type: 'kv',
  // '' is the mount root (a list of `secret/`); everything else is a secret path.
  paths: [passthrough(''), passthrough('*path')],
};
