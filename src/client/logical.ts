import type { Client, HeaderValue, HttpMethod, WireResponse } from './client.js';
import { InvalidResponseError } from './errors.js';
import { parseSecret } from './parse-secret.js';
import { parseAddress, type Query, wireTarget } from './request-url.js';
import { isSuccess, responseError } from './response-check.js';
import type { Secret } from './secret.js';

/** Per-call extras: headers (X-Vault-Wrap-TTL, …) and a token that replaces the client's. */
export interface CallOptions {
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  readonly token?: string;
}

/** Vault's WrappingLookupFunc: the wrap TTL to request for an operation on a path, if any. */
export type WrappingLookup = (operation: string, path: string) => string | undefined;

export interface LogicalOptions {
  /** Default: `defaultWrappingLookup()` (5m for writes to sys/wrapping/wrap). */
  readonly wrappingLookup?: WrappingLookup;
}

/**
 * Vault's api.Logical on any Client. Read-like calls (read, list) answer null for a 404 that
 * carries no data or warnings; write-like calls (write, patch, delete) throw ResponseError for
 * any 404, attaching the secret when the 404 carried data (Vault returns both). A 204 or an
 * empty body is null. Every other status outside 200–399 throws ResponseError.
 */
export interface Logical {
  read(path: string, data?: Query, opts?: CallOptions): Promise<Secret | null>;
  /** `GET <path>?list=true`. */
  list(path: string, opts?: CallOptions): Promise<Secret | null>;
  /** PUT with the JSON body; `null` sends the literal `null` (-force with no data). */
  write(
    path: string,
    data: Readonly<Record<string, unknown>> | null,
    opts?: CallOptions,
  ): Promise<Secret | null>;
  /** PATCH with Content-Type application/merge-patch+json. */
  patch(path: string, data: Readonly<Record<string, unknown>>, opts?: CallOptions): Promise<Secret | null>;
  delete(path: string, data?: Query, opts?: CallOptions): Promise<Secret | null>;
  /** PUT sys/wrapping/unwrap, with `token` in the body or as the request's token (see below). */
  unwrap(token?: string, opts?: CallOptions): Promise<Secret | null>;
}

const WRAPPED_RESPONSE_PATH = 'cubbyhole/response';
const WRAP_TTL_HEADER = 'X-Vault-Wrap-TTL';

/**
 * Vault's api.DefaultWrappingLookupFunc: VAULT_WRAP_TTL when set, else `5m` for PUT/POST to
 * sys/wrapping/wrap (that endpoint refuses to answer unwrapped).
 */
export function defaultWrappingLookup(
  env: Readonly<Record<string, string | undefined>> = {},
): WrappingLookup {
  return (operation, path) => {
    const fromEnv = env.VAULT_WRAP_TTL;
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    if ((operation === 'PUT' || operation === 'POST') && path === 'sys/wrapping/wrap') return '5m';
    return undefined;
  };
}

interface Call {
  readonly method: HttpMethod;
  /** What the wrapping lookup sees: the method, or LIST for lists. */
  readonly operation: string;
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  readonly opts?: CallOptions;
}

interface Answer {
  readonly res: WireResponse;
  readonly method: HttpMethod;
  /** The request URL as Vault's errors show it. */
  readonly url: string;
}

export function logical(client: Client, options: LogicalOptions = {}): Logical {
  const lookup = options.wrappingLookup ?? defaultWrappingLookup();
  const address = parseAddress(client.address);

  const send = async (call: Call): Promise<Answer> => {
    const path = call.path.replace(/^\/+/, '');
    const headers: Record<string, HeaderValue> = { ...call.headers };
    const wrapTTL = lookup(call.operation, path);
    const hasWrap = Object.keys(call.opts?.headers ?? {}).some((h) => h.toLowerCase() === 'x-vault-wrap-ttl');
    if (wrapTTL !== undefined && wrapTTL !== '' && !hasWrap) headers[WRAP_TTL_HEADER] = wrapTTL;
    Object.assign(headers, call.opts?.headers);
    const res = await client.send({
      method: call.method,
      path,
      ...(call.query === undefined ? {} : { query: call.query }),
      ...(call.body === undefined ? {} : { body: call.body }),
      headers,
      ...(call.opts?.token === undefined ? {} : { token: call.opts.token }),
    });
    return { res, method: call.method, url: wireTarget(address, path, call.query).url };
  };

  const hasContent = (secret: Secret | null): secret is Secret =>
    secret !== null &&
    ((secret.warnings?.length ?? 0) > 0 || (secret.data !== null && Object.keys(secret.data).length > 0));

  /** Logical.Read / List: a 404 without content is "nothing there". */
  const readLike = ({ res, method, url }: Answer): Secret | null => {
    if (res.status === 404) {
      const secret = parseSecret(res.text);
      return hasContent(secret) ? secret : null;
    }
    if (!isSuccess(res.status)) throw responseError(res, method, url);
    return parseSecret(res.text);
  };

  /** Logical.write / Delete: a 404 is an error, carrying the secret if it had content. */
  const writeLike = ({ res, method, url }: Answer): Secret | null => {
    if (res.status === 404) {
      const secret = parseSecret(res.text);
      throw responseError(res, method, url, hasContent(secret) ? secret : undefined);
    }
    if (!isSuccess(res.status)) throw responseError(res, method, url);
    return parseSecret(res.text);
  };

  const self: Logical = {
    async read(path, data, opts) {
      return readLike(
        await send({ method: 'GET', operation: 'GET', path, ...(data ? { query: data } : {}), opts }),
      );
    },
    async list(path, opts) {
      return readLike(await send({ method: 'GET', operation: 'LIST', path, query: { list: 'true' }, opts }));
    },
    async write(path, data, opts) {
      return writeLike(await send({ method: 'PUT', operation: 'PUT', path, body: data, opts }));
    },
    async patch(path, data, opts) {
      const headers = { 'Content-Type': 'application/merge-patch+json' };
      return writeLike(await send({ method: 'PATCH', operation: 'PATCH', path, body: data, headers, opts }));
    },
    async delete(path, data, opts) {
      const query = data ? { query: data } : {};
      return writeLike(await send({ method: 'DELETE', operation: 'DELETE', path, ...query, opts }));
    },
    /**
     * Vault's Logical.Unwrap: with no client token the wrapping token is the request's token;
     * with a different client token it goes in the body as `token`; with none given, the
     * client's own token is the wrapping token. (Vault also stores the wrapping token in the
     * client in the first case; hvr only uses it for this request.)
     */
    async unwrap(token, opts) {
      const wrappingToken = (token ?? '').trim();
      let body: Record<string, unknown> | null = null;
      let callOpts = opts;
      if (token !== undefined && token !== '') {
        const current = opts?.token ?? client.token ?? '';
        if (current === '') callOpts = { ...opts, token: wrappingToken };
        else if (token !== current) body = { token: wrappingToken };
      }
      const answer = await send({
        method: 'PUT',
        operation: 'PUT',
        path: 'sys/wrapping/unwrap',
        body,
        opts: callOpts,
      });
      const { res, method, url } = answer;
      if (res.status !== 404) {
        if (!isSuccess(res.status)) throw responseError(res, method, url);
        return parseSecret(res.text);
      }
      const secret = parseSecret(res.text);
      if (hasContent(secret)) return secret;
      // An old-style wrapping token: the response sits in the token's cubbyhole.
      const oldStyle = token !== undefined && token !== '' ? { ...opts, token } : opts;
      const stored = await self.read(WRAPPED_RESPONSE_PATH, undefined, oldStyle);
      if (stored === null) throw new InvalidResponseError(`no value found at "${WRAPPED_RESPONSE_PATH}"`);
      if (stored.data === null) throw new InvalidResponseError('"data" not found in wrapping response');
      const response = stored.data.response;
      if (typeof response !== 'string') {
        throw new InvalidResponseError('"response" not found in wrapping response "data" map');
      }
      return parseSecret(response);
    },
  };
  return self;
}
