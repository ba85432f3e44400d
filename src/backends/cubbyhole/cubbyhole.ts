import { badRequest, internalError, multiError } from '../../logical/errors.js';
import type { Backend, BackendContext, Handler, PathSpec } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import { encodeJSON, readJSON, type StorageView } from '../../logical/storage-view.js';

/**
 * Per-token private storage (Vault's CubbyholeBackend). As in Vault's router, the core
 * replaces the request's token with the token's cubbyhole id (salted per cluster, see
 * TokenSalt.cubbyholeId) before the backend sees it; each token's entries live under
 * `<cubbyhole id>/` in the mount's view, so a token only ever sees its own, and revoking
 * the token removes them all. Reads carry no lease (lease_duration 0).
 */
export const cubbyholePrefix = (cubbyholeId: string): string => `${cubbyholeId}/`;

/** Called by the core when a token is revoked. */
export async function destroyCubbyhole(storage: StorageView, cubbyholeId: string): Promise<void> {
  const keys = await storage.scan(cubbyholePrefix(cubbyholeId));
  if (keys.length === 0) return;
  await storage.transaction((tx) => {
    for (const key of keys) tx.delete(key);
  });
}

/** The token's own prefix (req.token is its cubbyhole id); Vault's "client token empty" when there is none. */
function scope(req: Request): string {
  if (!req.token) throw badRequest('client token empty');
  return cubbyholePrefix(req.token);
}

const read: Handler = async (req, _f, ctx) => {
  const data = await readJSON<Record<string, unknown>>(ctx.storage, `${scope(req)}${req.path}`);
  return data === null ? null : { data };
};

const write: Handler = async (req, _f, ctx) => {
  const prefix = scope(req);
  // Plain Go errors in Vault: the core answers 500 with go-multierror text.
  if (Object.keys(req.data).length === 0) throw internalError(multiError(['missing data fields']));
  if (req.path === '') throw internalError(multiError(['missing path']));
  await ctx.storage.put(`${prefix}${req.path}`, encodeJSON(req.data));
  return null;
};

const remove: Handler = async (req, _f, ctx) => {
  await ctx.storage.delete(`${scope(req)}${req.path}`);
  return null;
};

const list: Handler = async (req, _f, ctx): Promise<Response> => {
  const prefix = scope(req);
  const folder = req.path === '' || req.path.endsWith('/') ? req.path : `${req.path}/`;
  return { data: { keys: await ctx.storage.list(`${prefix}${folder}`) } };
};

const exists = async (req: Request, _f: unknown, ctx: BackendContext): Promise<boolean> =>
  req.token ? (await ctx.storage.get(`${cubbyholePrefix(req.token)}${req.path}`)) !== null : false;

const cubbyholePath = (pattern: string): PathSpec => ({
  pattern,
  auth: 'token',
  synopsis: 'Pass-through secret storage to a token-specific cubbyhole.',
  fields: { path: { type: 'string', description: 'Specifies the path of the secret.' } },
  openFields: true,
  ops: { read, create: write, update: write, delete: remove, list },
  exists,
});

export const cubbyholeBackend: Backend = {
  type: 'cubbyhole',
  paths: [cubbyholePath(''), cubbyholePath('*path')],
};
