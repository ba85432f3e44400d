import type { Response, WrapInfo } from '../../logical/request.js';
import type {
  AuditRequestEntry,
  AuditRequestInfo,
  AuditResponseEntry,
  AuditResponseInfo,
  AuditWrapInfo,
} from './entry.js';
import {
  callerAuthEntry,
  issuedAuthEntry,
  type Redaction,
  redactAccessor,
  redactToken,
} from './format-auth.js';
import { auditData, type Hasher } from './hash.js';
import type { AuditInput } from './input.js';
import { omitEmpty } from './omit-empty.js';

/**
 * Vault's EntryFormatter (audit/entry_formatter.go): turns an AuditInput into the
 * request or response entry one device writes, hashed with that device's salt.
 */
export interface FormatConfig {
  /** log_raw: nothing is hashed. */
  readonly raw: boolean;
  /** hmac_accessor: accessors are hashed too (the default). */
  readonly hmacAccessor: boolean;
  /** elide_list_responses: list responses log how many keys, not the keys. */
  readonly elideListResponses: boolean;
}

export function formatRequestEntry(
  input: AuditInput,
  config: FormatConfig,
  hash: Hasher,
  time: string,
): AuditRequestEntry {
  const r = redaction(config, hash);
  return {
    time,
    auth: callerAuthEntry(input.auth, r, 'request'),
    ...errorField(input.error),
    request: requestInfo(input, r, hash),
    type: 'request',
  };
}

export function formatResponseEntry(
  input: AuditInput,
  config: FormatConfig,
  hash: Hasher,
  time: string,
): AuditResponseEntry {
  const r = redaction(config, hash);
  return {
    time,
    auth: callerAuthEntry(input.auth, r, 'response'),
    ...errorField(input.error),
    request: requestInfo(input, r, hash),
    response: responseInfo(input, config, r),
    type: 'response',
  };
}

const redaction = (config: FormatConfig, hash: Hasher): Redaction =>
  config.raw ? { hmacAccessor: config.hmacAccessor } : { hash, hmacAccessor: config.hmacAccessor };

/** `error` sits between `auth` and `request` in Vault's struct, and is omitted when empty. */
const errorField = (error: string | undefined): { error?: string } => (error ? { error } : {});

function requestInfo(input: AuditInput, r: Redaction, headerHash: Hasher): AuditRequestInfo {
  const req = input.request;
  return omitEmpty<AuditRequestInfo>({
    client_token: redactToken(req.token, r),
    client_token_accessor: redactAccessor(input.auth?.accessor, r),
    data: auditData(req.data, { hash: r.hash, nonHmacKeys: input.nonHmacRequestKeys }),
    headers: auditedHeaders(input, headerHash),
    id: req.id,
    mount_accessor: input.mountAccessor,
    mount_point: input.mountPoint,
    mount_type: input.mountType,
    namespace: { id: 'root' },
    operation: req.operation,
    path: req.path,
    remote_address: req.remoteAddress,
    wrap_ttl: req.wrapTTL,
  });
}

/** Only configured headers are logged; their HMAC setting applies even with log_raw. */
function auditedHeaders(input: AuditInput, hash: Hasher): Record<string, string[]> | undefined {
  const config = input.auditedHeaders;
  if (!config) return undefined;
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(config).sort()) {
    const key = name.toLowerCase();
    const value = input.request.headers[key];
    if (value === undefined) continue;
    out[key] = [config[name]?.hmac ? hash(value) : value];
  }
  return out;
}

function responseInfo(input: AuditInput, config: FormatConfig, r: Redaction): AuditResponseInfo {
  const resp: Response = input.response ?? {};
  const data = responseData(resp, config.elideListResponses && input.request.operation === 'list');
  return omitEmpty<AuditResponseInfo>({
    auth: resp.auth ? issuedAuthEntry(resp.auth, r, resp.login?.displayName) : undefined,
    data: data ? auditData(data, { hash: r.hash, nonHmacKeys: input.nonHmacResponseKeys }) : undefined,
    mount_accessor: input.mountAccessor,
    mount_point: input.mountPoint,
    mount_type: input.mountType ?? resp.mountType,
    secret: resp.lease ? omitEmpty({ lease_id: resp.lease.leaseId }) : undefined,
    wrap_info: resp.wrapInfo ? wrapInfo(resp.wrapInfo, r) : undefined,
    warnings: resp.warnings,
  });
}

/** A raw response is audited as Vault's http_* data keys; list elision happens before hashing. */
function responseData(resp: Response, elide: boolean): Record<string, unknown> | undefined {
  let data: Record<string, unknown> | undefined = resp.data;
  if (resp.raw) {
    data = {
      ...data,
      http_content_type: resp.raw.contentType,
      http_raw_body: resp.raw.body,
      http_status_code: resp.raw.status,
    };
  }
  if (!data || !elide) return data;
  const elided: Record<string, unknown> = { ...data };
  const { keys, key_info: keyInfo } = data;
  if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) elided.keys = keys.length;
  if (keyInfo !== null && typeof keyInfo === 'object' && !Array.isArray(keyInfo)) {
    elided.key_info = Object.keys(keyInfo).length;
  }
  return elided;
}

/**
 * HashWrapInfo, then Vault's JWT rule: a JWT wrapping token is logged as its `jti`.
 * Hashing comes first, so the rule only shows with log_raw (a hashed JWT has no dots).
 */
function wrapInfo(info: WrapInfo, r: Redaction): AuditWrapInfo {
  const token = redactToken(info.token, r) ?? info.token;
  return omitEmpty<AuditWrapInfo>({
    accessor: redactAccessor(info.accessor, r),
    creation_path: info.creationPath,
    creation_time: info.creationTime,
    token: jwtId(token) ?? token,
    ttl: info.ttl,
    wrapped_accessor: redactAccessor(info.wrappedAccessor, r),
  });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The `jti` of a compact JWS (decoded as jose's decodeJwt does, without loading jose). */
function jwtId(token: string): string | undefined {
  const parts = token.split('.');
  const payload = parts[1];
  if (parts.length !== 3 || !payload || !/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  try {
    const claims: unknown = JSON.parse(STRICT_UTF8.decode(Buffer.from(payload, 'base64url')));
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) return undefined;
    const jti = (claims as { jti?: unknown }).jti;
    return typeof jti === 'string' ? jti : '';
  } catch {
    return undefined; // not a JWT after all: log the token itself
  }
}
