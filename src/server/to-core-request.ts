import { badRequest, HvrError } from '../core/errors.js';
import type { Request as CoreRequest, Operation } from '../core/request.js';
import { GoParseBoolError, parseGoBoolOrThrow } from '../gocompat/parse-bool.js';
import { HEADER, MEDIA_TYPE } from './headers.js';
import { MediaTypeError, mediaType } from './media-type.js';
import { parseJsonBody, parseWriteBody } from './parse-body.js';
import { readLimitedBody } from './read-body.js';
import type { RequestTarget } from './request-target.js';
import { parseUrlValues } from './url-values.js';
import type { VaultHeaders } from './vault-headers.js';

export interface CoreRequestContext {
  readonly id: string;
  readonly maxRequestBytes: number;
  readonly remoteAddress?: string;
  readonly peerCertificates?: () => readonly Uint8Array[];
}

/** Vault's `parseQuery`: `help` is reserved; one value → string, repeated → array. */
function queryData(values: Map<string, string[]>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, list] of values) {
    if (key === 'help') continue;
    data[key] = list.length === 1 ? list[0] : list;
  }
  return data;
}

const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

const emptyStatus = (code: 'HVR_BAD_REQUEST' | 'HVR_UNSUPPORTED_OPERATION', status: number) =>
  new HvrError(code, status, '');

interface Routed {
  readonly operation: Operation;
  readonly path: string;
  readonly data: Record<string, unknown>;
}

/** GET: read, or list when `?list=` is a true Go bool (bad bool → 400 `{"errors":[]}`). */
function routeGet(target: RequestTarget, query: Map<string, string[]>): Routed {
  const listText = query.get('list')?.[0] ?? '';
  let list = false;
  if (listText !== '') {
    try {
      list = parseGoBoolOrThrow(listText);
    } catch (error) {
      if (error instanceof GoParseBoolError) throw emptyStatus('HVR_BAD_REQUEST', 400);
      throw error;
    }
  }
  if (!list) return { operation: 'read', path: target.path, data: queryData(query) };
  query.delete('list');
  return { operation: 'list', path: withSlash(target.path), data: queryData(query) };
}

/** PATCH needs `application/merge-patch+json` (415 otherwise; an unparsable type is 400). */
async function routePatch(
  req: globalThis.Request,
  target: RequestTarget,
  ctx: CoreRequestContext,
): Promise<Routed> {
  let type: string;
  try {
    type = mediaType(req.headers.get(HEADER.contentType) ?? '');
  } catch (error) {
    if (error instanceof MediaTypeError) throw badRequest(error.message);
    throw error;
  }
  if (type !== MEDIA_TYPE.mergePatch) {
    throw new HvrError(
      'HVR_UNSUPPORTED_MEDIA_TYPE',
      415,
      `PATCH requires Content-Type of ${MEDIA_TYPE.mergePatch}, provided ${type}`,
    );
  }
  const body = await readLimitedBody(req, ctx.maxRequestBytes);
  return { operation: 'patch', path: target.path, data: parseJsonBody(body) };
}

/** `buildLogicalRequestNoAuth`: the method decides the operation and where the data comes from. */
async function route(
  req: globalThis.Request,
  target: RequestTarget,
  ctx: CoreRequestContext,
): Promise<Routed> {
  const query = parseUrlValues(target.query, false);
  if ((query.get('help')?.[0] ?? '') !== '' || req.method === 'HELP') {
    return { operation: 'help', path: target.path, data: {} };
  }
  switch (req.method) {
    case 'GET':
      return routeGet(target, query);
    case 'HEAD':
      return { operation: 'read', path: target.path, data: queryData(query) };
    case 'LIST':
      return { operation: 'list', path: withSlash(target.path), data: queryData(query) };
    case 'DELETE':
      return { operation: 'delete', path: target.path, data: queryData(query) };
    case 'POST':
    case 'PUT': {
      const body = await readLimitedBody(req, ctx.maxRequestBytes);
      const data = parseWriteBody(body, req.headers.get(HEADER.contentType) ?? '');
      return { operation: 'update', path: target.path, data };
    }
    case 'PATCH':
      return routePatch(req, target, ctx);
    default:
      throw emptyStatus('HVR_UNSUPPORTED_OPERATION', 405);
  }
}

/** Builds the core's Request from the HTTP request, its cleaned target and its Vault headers. */
export async function toCoreRequest(
  req: globalThis.Request,
  target: RequestTarget,
  vault: VaultHeaders,
  ctx: CoreRequestContext,
): Promise<CoreRequest> {
  const routed = await route(req, target, ctx);
  return {
    id: ctx.id,
    operation: routed.operation,
    path: routed.path,
    data: routed.data,
    headers: vault.headers,
    ...(vault.token === undefined ? {} : { token: vault.token }),
    ...(vault.wrapTTL === undefined ? {} : { wrapTTL: vault.wrapTTL }),
    ...(vault.wrapFormat === undefined ? {} : { wrapFormat: vault.wrapFormat }),
    ...(ctx.remoteAddress === undefined ? {} : { remoteAddress: ctx.remoteAddress }),
    ...(ctx.peerCertificates === undefined ? {} : { peerCertificates: ctx.peerCertificates }),
  };
}
