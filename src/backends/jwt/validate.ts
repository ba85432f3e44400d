import { type KeySet, KeySetError } from './key-set.js';

/** cap/jwt's Expected: durations in seconds; 0 = the default leeway, negative = none. */
export interface Expected {
  issuer: string;
  subject: string;
  audiences: readonly string[];
  algorithms: readonly string[];
  notBeforeLeeway: number;
  expirationLeeway: number;
  clockSkewLeeway: number;
}

const DEFAULT_LEEWAY = 150;
const DEFAULT_CLOCK_SKEW = 60;

export class TokenInvalid extends Error {}

const leeway = (value: number, fallback: number): number => (value < 0 ? 0 : value === 0 ? fallback : value);
const numeric = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);

/**
 * cap/jwt Validator.Validate: signature, then the alg header, iss, sub, aud, then the time
 * claims with leeways; messages are cap's (Vault prefixes "error validating token: ").
 */
export async function validateToken(
  keySet: KeySet,
  token: string,
  expected: Expected,
  now = Date.now() / 1000,
): Promise<Record<string, unknown>> {
  let payload: Uint8Array;
  try {
    payload = await keySet.verify(token);
  } catch (error) {
    const message = error instanceof KeySetError ? error.message : 'failed to verify id token signature';
    throw new TokenInvalid(`error verifying token signature: ${message}`);
  }
  const { decodeProtectedHeader } = await import('jose');
  const alg = decodeProtectedHeader(token).alg ?? '';
  if (!expected.algorithms.includes(alg)) {
    throw new TokenInvalid(
      'invalid algorithm (alg) header parameter: token signed with unexpected algorithm',
    );
  }
  let claims: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('not an object');
    claims = parsed as Record<string, unknown>;
  } catch {
    throw new TokenInvalid('invalid character in token payload');
  }
  if (expected.issuer !== '' && claims.iss !== expected.issuer)
    throw new TokenInvalid('invalid issuer (iss) claim');
  if (expected.subject !== '' && claims.sub !== expected.subject)
    throw new TokenInvalid('invalid subject (sub) claim');
  const aud = audienceOf(claims);
  if (expected.audiences.length > 0 && !expected.audiences.some((a) => aud.includes(a))) {
    throw new TokenInvalid(
      'invalid audience (aud) claim: audience claim does not match any expected audience',
    );
  }
  const iat = numeric(claims.iat);
  let exp = numeric(claims.exp);
  let nbf = numeric(claims.nbf);
  if (iat === 0 && exp === 0 && nbf === 0) {
    throw new TokenInvalid('no issued at (iat), not before (nbf), or expiration time (exp) claims in token');
  }
  if (exp === 0) exp = Math.max(iat, nbf) + leeway(expected.expirationLeeway, DEFAULT_LEEWAY);
  if (nbf === 0) nbf = iat !== 0 ? iat : exp - leeway(expected.notBeforeLeeway, DEFAULT_LEEWAY);
  const skew = leeway(expected.clockSkewLeeway, DEFAULT_CLOCK_SKEW);
  if (now + skew < nbf) throw new TokenInvalid('invalid not before (nbf) claim: token not yet valid');
  if (now - skew > exp) throw new TokenInvalid('invalid expiration time (exp) claim: token is expired');
  if (iat !== 0 && now + skew < iat)
    throw new TokenInvalid('invalid issued at (iat) claim: token issued in the future');
  return claims;
}

/** go-jose's Audience: a string or a list of strings. */
export function audienceOf(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string');
  return [];
}
