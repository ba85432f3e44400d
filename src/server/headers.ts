/**
 * Every HTTP header name (and the few header values) the server reads or writes, written once.
 * Names as Vault spells them (`V:http/handler.go`, `V:sdk/helper/consts`); web `Headers` look them
 * up case-insensitively.
 */
export const HEADER = {
  vaultToken: 'X-Vault-Token',
  authorization: 'Authorization',
  wrapTTL: 'X-Vault-Wrap-TTL',
  wrapFormat: 'X-Vault-Wrap-Format',
  vaultRequest: 'X-Vault-Request',
  namespace: 'X-Vault-Namespace',
  policyOverride: 'X-Vault-Policy-Override',
  mfa: 'X-Vault-MFA',
  noRequestForwarding: 'X-Vault-No-Request-Forwarding',
  index: 'X-Vault-Index',
  forward: 'X-Vault-Forward',
  inconsistent: 'X-Vault-Inconsistent',
  userAgent: 'User-Agent',
  cacheControl: 'Cache-Control',
  contentType: 'Content-Type',
  contentLength: 'Content-Length',
  connection: 'Connection',
} as const;

/** Headers handed to the core in `Request.headers` (lower-cased); never the token headers. */
export const HEADERS_FOR_CORE: readonly string[] = [
  HEADER.namespace,
  HEADER.vaultRequest,
  HEADER.policyOverride,
  HEADER.mfa,
  HEADER.noRequestForwarding,
  HEADER.index,
  HEADER.forward,
  HEADER.inconsistent,
  HEADER.userAgent,
];

export const MEDIA_TYPE = {
  json: 'application/json',
  mergePatch: 'application/merge-patch+json',
  form: 'application/x-www-form-urlencoded',
} as const;

export const BEARER_PREFIX = 'Bearer ';
export const NO_STORE = 'no-store';
