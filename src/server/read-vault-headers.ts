import { badRequest } from '../core/errors.js';
import { DurationError, parseDurationSeconds } from '../gocompat/duration.js';
import { GoParseBoolError, parseGoBoolOrThrow } from '../gocompat/parse-bool.js';
import { BEARER_PREFIX, HEADER, HEADERS_FOR_CORE } from './headers.js';
import type { VaultHeaders } from './vault-headers.js';

/** X-Vault-Token wins; else the first `Authorization: Bearer <token>` (`getTokenFromReq`). */
function readToken(headers: Headers): string | undefined {
  const vaultToken = headers.get(HEADER.vaultToken);
  if (vaultToken) return vaultToken;
  const authorization = headers.get(HEADER.authorization);
  if (authorization?.startsWith(BEARER_PREFIX)) {
    const token = authorization.slice(BEARER_PREFIX.length).trim();
    return token === '' ? undefined : token;
  }
  return undefined;
}

function wrapTTLError(reason: string) {
  return badRequest(`error parsing ${HEADER.wrapTTL} header: ${reason}`);
}

/** `requestWrapInfo`: seconds or a Go duration; negative is refused; the format only rides along. */
function readWrap(headers: Headers): Pick<VaultHeaders, 'wrapTTL' | 'wrapFormat'> {
  const raw = headers.get(HEADER.wrapTTL);
  if (!raw) return {};
  let ttl: number;
  try {
    ttl = parseDurationSeconds(raw);
  } catch (error) {
    if (error instanceof DurationError) throw wrapTTLError(error.message);
    throw error;
  }
  if (ttl < 0) throw wrapTTLError('requested wrap ttl cannot be negative');
  return headers.get(HEADER.wrapFormat) === 'jwt' ? { wrapTTL: ttl, wrapFormat: 'jwt' } : { wrapTTL: ttl };
}

/** `requestPolicyOverride`: a Go bool, normalised to `true`/`false` for the core. */
function readPolicyOverride(raw: string): string {
  try {
    return String(parseGoBoolOrThrow(raw));
  } catch (error) {
    if (error instanceof GoParseBoolError) {
      throw badRequest(`failed to parse ${HEADER.policyOverride} header: ${error.message}`);
    }
    throw error;
  }
}

function readForwardedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of HEADERS_FOR_CORE) {
    const value = headers.get(name);
    if (!value) continue;
    out[name.toLowerCase()] = name === HEADER.policyOverride ? readPolicyOverride(value) : value;
  }
  return out;
}

/** Reads the token, wrapping and pass-through headers; throws HvrError 400 on a bad value. */
export function readVaultHeaders(headers: Headers): VaultHeaders {
  const token = readToken(headers);
  const wrap = readWrap(headers);
  const forwarded = readForwardedHeaders(headers);
  return { ...(token === undefined ? {} : { token }), ...wrap, headers: forwarded };
}
