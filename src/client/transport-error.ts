import { type ClientError, ConnectionError, TimeoutError, TlsError } from './errors.js';
import { type Address, dialAddress } from './request-url.js';

/**
 * undici's and Node's errors stop here: they are mapped by `code` (never by message) into
 * ConnectionError, TlsError or TimeoutError, with the text Vault's Go client would print, e.g.
 * `Get "https://127.0.0.1:8200/v1/sys/health": dial tcp 127.0.0.1:8200: connect: connection refused`.
 */
export interface TransportContext {
  readonly method: string;
  /** The request URL as shown to the user. */
  readonly url: string;
  readonly address: Address;
  /** The client timeout, for TimeoutError. */
  readonly timeoutMs: number;
}

/** The reason our own deadline (VAULT_CLIENT_TIMEOUT) aborts a request with. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor() {
    super('context deadline exceeded');
  }
}

interface NodeErrorFields {
  readonly code?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly host?: unknown;
  readonly reason?: unknown;
  readonly cert?: unknown;
  readonly errors?: unknown;
}

const fields = (error: unknown): NodeErrorFields =>
  typeof error === 'object' && error !== null ? (error as NodeErrorFields) : {};
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Go's url.Error: `Get "<url>": <reason>` (the op is the method in title case). */
export function goUrlError(method: string, url: string, reason: string): string {
  const op = method.charAt(0) + method.slice(1).toLowerCase();
  return `${op} ${JSON.stringify(url)}: ${reason}`;
}

/** Certificate problems that Go reports as an unknown authority. */
const UNKNOWN_AUTHORITY = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
]);
const NOT_YET_OR_EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
/** OpenSSL's view of a plain-HTTP answer to a TLS ClientHello. */
const PLAIN_HTTP = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
]);
const TLS_ALERTS: Readonly<Record<string, string>> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'remote error: tls: certificate required',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'remote error: tls: bad certificate',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'remote error: tls: unknown certificate authority',
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'remote error: tls: expired certificate',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'remote error: tls: handshake failure',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'remote error: tls: protocol version not supported',
};
const VERIFY = 'tls: failed to verify certificate: ';

/** The Go-style reason for a TLS failure, or undefined when `code` is not a TLS error. */
function tlsReason(code: string, error: NodeErrorFields): string | undefined {
  if (UNKNOWN_AUTHORITY.has(code)) return `${VERIFY}x509: certificate signed by unknown authority`;
  if (NOT_YET_OR_EXPIRED.has(code)) return `${VERIFY}x509: certificate has expired or is not yet valid`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return VERIFY + hostnameMismatch(error);
  if (PLAIN_HTTP.has(code)) return 'http: server gave HTTP response to HTTPS client';
  const alert = TLS_ALERTS[code];
  if (alert) return alert;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('CERT_')) {
    return `tls: ${str(error.reason) ?? code}`;
  }
  return undefined;
}

/** Go's x509.HostnameError text, from the peer certificate Node attaches. */
function hostnameMismatch(error: NodeErrorFields): string {
  const host = str(error.host) ?? '';
  const cert = fields(error.cert) as { subjectaltname?: unknown };
  const sans = (str(cert.subjectaltname) ?? '').split(', ').filter((s) => s !== '');
  const isIP = /^[\d.]+$/.test(host) || host.includes(':');
  const wanted = sans
    .filter((s) => s.startsWith(isIP ? 'IP Address:' : 'DNS:'))
    .map((s) => s.slice(s.indexOf(':') + 1));
  if (isIP && wanted.length === 0) {
    return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
  }
  if (wanted.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${wanted.join(', ')}, not ${host}`;
}

/** `127.0.0.1:8200` from Node's error fields, else the address we dialled. */
function remoteOf(error: NodeErrorFields, address: Address): string {
  const ip = str(error.address);
  const port = typeof error.port === 'number' ? error.port : undefined;
  if (ip !== undefined && port !== undefined) return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
  return dialAddress(address);
}

const CONNECT_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ETIMEDOUT: 'connection timed out',
  EADDRNOTAVAIL: 'cannot assign requested address',
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
};

function connectionReason(code: string, error: NodeErrorFields, ctx: TransportContext): string | undefined {
  const unix = ctx.address.socketPath;
  const dial = unix === undefined ? `dial tcp ${remoteOf(error, ctx.address)}` : `dial unix ${unix}`;
  const connect = CONNECT_REASONS[code];
  if (connect) return `${dial}: connect: ${connect}`;
  switch (code) {
    case 'ENOTFOUND':
      return `dial tcp: lookup ${str(error.hostname) ?? dialAddress(ctx.address)}: no such host`;
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${str(error.hostname) ?? dialAddress(ctx.address)}: temporary failure in name resolution`;
    case 'ECONNRESET':
      return `read tcp ${remoteOf(error, ctx.address)}: read: connection reset by peer`;
    case 'EPIPE':
      return `write tcp ${remoteOf(error, ctx.address)}: write: broken pipe`;
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      // Go says EOF; a plain-HTTP client talking to a TLS listener sees exactly this.
      return ctx.address.scheme === 'http'
        ? 'EOF (the server closed the connection without answering; if it serves HTTPS, use an https:// address)'
        : 'EOF';
    default:
      return undefined;
  }
}

/** Maps whatever undici or Node threw into a typed client error; the original is the cause. */
export function transportError(error: unknown, ctx: TransportContext): ClientError {
  const dial = dialAddress(ctx.address);
  const fail = (reason: string) => goUrlError(ctx.method, ctx.url, reason);
  if (error instanceof DeadlineExceeded) {
    return new TimeoutError(dial, ctx.timeoutMs, fail('context deadline exceeded'), { cause: error });
  }
  const first = firstCoded(error);
  const code = str(first.code) ?? '';
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new TimeoutError(dial, 0, fail(`dial tcp ${dial}: i/o timeout`), { cause: error });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TimeoutError(dial, ctx.timeoutMs, fail('context deadline exceeded'), { cause: error });
  }
  const tls = tlsReason(code, first);
  if (tls !== undefined) return new TlsError(dial, tls, fail(tls), { cause: error });
  const reason =
    connectionReason(code, first, ctx) ?? (error instanceof Error ? error.message : String(error));
  return new ConnectionError(dial, reason, fail(reason), { cause: error });
}

/** Node reports a multi-address connect failure as an AggregateError; use its first coded error. */
function firstCoded(error: unknown): NodeErrorFields {
  const top = fields(error);
  if (Array.isArray(top.errors)) {
    for (const inner of top.errors) if (typeof fields(inner).code === 'string') return fields(inner);
  }
  return top;
}
