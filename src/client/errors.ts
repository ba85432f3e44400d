/**
 * Every error the client layer throws, in one file (as undici's lib/core/errors.js): each class
 * fixes `name` and `code`, keeps the underlying failure as `cause`, and is branded with
 * `Symbol.for('hvr.client.error')` so `instanceof` holds across duplicate copies of the package.
 * Messages follow what Vault's Go client would print; the CLI prefixes them ("Error reading …: ").
 */
import type { Secret } from './secret.js';

export type ClientErrorCode =
  | 'HVR_CLIENT_CONNECTION'
  | 'HVR_CLIENT_TLS'
  | 'HVR_CLIENT_TIMEOUT'
  | 'HVR_CLIENT_RESPONSE'
  | 'HVR_CLIENT_INVALID_RESPONSE'
  | 'HVR_CLIENT_REDIRECT'
  | 'HVR_CLIENT_CONFIG'
  | 'HVR_CLIENT_DATA_DIR';

const BRAND: unique symbol = Symbol.for('hvr.client.error');

function brandOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [BRAND]?: unknown })[BRAND];
}

/** The base of every client error; `instanceof ClientError` matches all of them. */
export class ClientError extends Error {
  /** The code a subclass stands for; undefined on the base class (matches any client error). */
  static readonly errorCode: ClientErrorCode | undefined = undefined;

  static override [Symbol.hasInstance](value: unknown): boolean {
    const brand = brandOf(value);
    if (typeof brand !== 'string') return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being tested against.
    const code = this.errorCode;
    return code === undefined || brand === code;
  }

  override readonly name: string = 'ClientError';
  readonly [BRAND]: ClientErrorCode;

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this[BRAND] = code;
  }
}

/**
 * The address could not be reached (refused, unknown host, reset, closed before answering).
 * The message is Go's `url.Error`: `Get "https://127.0.0.1:8200/v1/sys/health": dial tcp
 * 127.0.0.1:8200: connect: connection refused`.
 */
export class ConnectionError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_CONNECTION';
  override readonly name = 'ConnectionError';
  constructor(
    /** The address dialled, `host:port` (or the socket path). */
    readonly address: string,
    /** The Go-style reason alone: `dial tcp 127.0.0.1:8200: connect: connection refused`. */
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('HVR_CLIENT_CONNECTION', message, options);
  }
}

/**
 * The TLS handshake failed: the server's certificate was not trusted or did not match, the
 * server spoke plain HTTP, or it refused our client certificate.
 */
export class TlsError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_TLS';
  override readonly name = 'TlsError';
  constructor(
    readonly address: string,
    /** `tls: failed to verify certificate: x509: certificate signed by unknown authority` */
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('HVR_CLIENT_TLS', message, options);
  }
}

/** The request did not finish within the client timeout (VAULT_CLIENT_TIMEOUT) or to connect. */
export class TimeoutError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_TIMEOUT';
  override readonly name = 'TimeoutError';
  constructor(
    readonly address: string,
    /** Milliseconds; 0 when the limit was not ours (a connect timeout). */
    readonly timeoutMs: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super('HVR_CLIENT_TIMEOUT', message, options);
  }
}

export interface ResponseErrorInit {
  readonly method: string;
  /** `<address>/v1/<path>[?<query>]`, as Go's `URL.String()` prints the request URL. */
  readonly url: string;
  readonly statusCode: number;
  readonly errors: readonly string[];
  /** The body was not `{"errors": [...]}`; `errors` then holds the raw body alone. */
  readonly rawError: boolean;
  readonly rawBody: string;
  /** The namespace the response names (X-Vault-Namespace), shown unless it is `root/`. */
  readonly namespace?: string;
  /** A 404 to a write/delete that still carried data or warnings (Vault returns both). */
  readonly secret?: Secret;
}

/** Vault answered with a status outside 200–399 (Vault's api.ResponseError). */
export class ResponseError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_RESPONSE';
  override readonly name = 'ResponseError';
  readonly method: string;
  readonly url: string;
  readonly statusCode: number;
  readonly errors: readonly string[];
  readonly rawError: boolean;
  readonly rawBody: string;
  readonly namespace: string | undefined;
  readonly secret: Secret | undefined;

  constructor(init: ResponseErrorInit) {
    super('HVR_CLIENT_RESPONSE', responseErrorText(init));
    this.method = init.method;
    this.url = init.url;
    this.statusCode = init.statusCode;
    this.errors = init.errors;
    this.rawError = init.rawError;
    this.rawBody = init.rawBody;
    this.namespace = init.namespace;
    this.secret = init.secret;
  }
}

/** Vault's `ResponseError.Error()`, including its quirk of no separator between errors. */
function responseErrorText(init: ResponseErrorInit): string {
  const ns = init.namespace && init.namespace !== 'root/' ? `Namespace: ${init.namespace}\n` : '';
  const head = `Error making API request.\n\n${ns}URL: ${init.method} ${init.url}\nCode: ${init.statusCode}. ${
    init.rawError ? 'Raw Message' : 'Errors'
  }:\n\n`;
  if (init.rawError && init.errors.length === 1) return head + (init.errors[0] ?? '');
  return head + init.errors.map((e) => `* ${e}`).join('');
}

/** A response body that should have been JSON (or a Vault envelope) was not. */
export class InvalidResponseError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_INVALID_RESPONSE';
  override readonly name = 'InvalidResponseError';
  constructor(message: string, options?: ErrorOptions) {
    super('HVR_CLIENT_INVALID_RESPONSE', message, options);
  }
}

/** A redirect the client refuses to follow (https → http). */
export class RedirectError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_REDIRECT';
  override readonly name = 'RedirectError';
  constructor(
    readonly location: string,
    message: string,
  ) {
    super('HVR_CLIENT_REDIRECT', message);
  }
}

/** Bad client settings: an address, a VAULT_* variable, a CA or client certificate file. */
export class ClientConfigError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_CONFIG';
  override readonly name = 'ClientConfigError';
  constructor(message: string, options?: ErrorOptions) {
    super('HVR_CLIENT_CONFIG', message, options);
  }
}

/** The embedded node's data directory cannot be created, written, locked or read. */
export class DataDirError extends ClientError {
  static override readonly errorCode = 'HVR_CLIENT_DATA_DIR';
  override readonly name = 'DataDirError';
  constructor(
    readonly dir: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('HVR_CLIENT_DATA_DIR', `cannot use data directory ${dir}: ${reason}`, options);
  }
}
