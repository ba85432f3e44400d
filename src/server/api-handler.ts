import { randomUUID } from 'node:crypto';
import type { Request as CoreRequest, Response as CoreResponse } from '../core/request.js';
import type { ConnectionInfo } from './connection-info.js';
import { HEADER, NO_STORE } from './headers.js';
import { injectsDataAtTop } from './inject-top-routes.js';
import { onError, serverErrors } from './on-error.js';
import { readVaultHeaders } from './read-vault-headers.js';
import { requestTarget } from './request-target.js';
import { toCoreRequest } from './to-core-request.js';
import { toHttpResponse } from './to-http-response.js';

export interface ApiOptions {
  /** Largest accepted request body in bytes; default 32 MiB (Vault's DefaultMaxRequestSize). */
  maxRequestBytes?: number;
  handle: (req: CoreRequest) => Promise<CoreResponse | null>;
}

export type ApiHandler = (req: globalThis.Request, info?: ConnectionInfo) => Promise<globalThis.Response>;

export const DEFAULT_MAX_REQUEST_BYTES = 32 * 1024 * 1024;

/** The raw request-target: the listener's when given, else rebuilt from `req.url`. */
function rawTarget(req: globalThis.Request, info: ConnectionInfo | undefined): string {
  if (info?.target !== undefined) return info.target;
  const url = new URL(req.url);
  return url.pathname + url.search;
}

/**
 * What every response gets (`wrapGenericHandler`); HEAD answers carry no body. The response is
 * always one this handler just built, so its headers are set in place.
 */
function finish(response: globalThis.Response, req: globalThis.Request): globalThis.Response {
  const headers = response.headers;
  headers.set(HEADER.cacheControl, NO_STORE);
  const namespace = req.headers.get(HEADER.namespace);
  if (namespace) headers.set(HEADER.namespace, namespace);
  if (req.method !== 'HEAD' || response.body === null) return response;
  return new Response(null, { status: response.status, headers });
}

/**
 * The whole HTTP API as one function, testable without a socket:
 * requestTarget → readVaultHeaders → toCoreRequest → handle → toHttpResponse, and onError.
 */
export function createApiHandler(opts: ApiOptions): ApiHandler {
  const maxRequestBytes = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  return async (req, info) => {
    let response: globalThis.Response;
    const requestId = randomUUID();
    try {
      const target = requestTarget(rawTarget(req, info));
      const vault = readVaultHeaders(req.headers);
      const coreReq = await toCoreRequest(req, target, vault, {
        id: requestId,
        maxRequestBytes,
        ...(info?.remoteAddress === undefined ? {} : { remoteAddress: info.remoteAddress }),
        ...(info?.peerCertificates === undefined ? {} : { peerCertificates: info.peerCertificates }),
      });
      const coreResp = await opts.handle(coreReq);
      response = toHttpResponse(coreReq, coreResp, { injectData: injectsDataAtTop(target.urlPath) });
    } catch (error) {
      response = onError(error);
      // issue 9: every 5xx leaves a line in the server log (request id and cause, no body).
      if (response.status >= 500 && serverErrors.hasSubscribers) {
        const path = new URL(req.url, 'http://x').pathname;
        serverErrors.publish({ requestId, method: req.method, path, status: response.status, error });
      }
    }
    return finish(response, req);
  };
}
