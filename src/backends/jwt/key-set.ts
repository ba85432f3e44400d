import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from './config-entry.js';

/**
 * cap/jwt's KeySet: verifies a compact JWS and returns its payload. Failures carry the
 * message Vault shows after "error verifying token signature: ".
 */
export interface KeySet {
  verify(token: string): Promise<Uint8Array>;
}

/** Every algorithm Vault accepts when jwt_supported_algs is empty. */
export const ALL_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
];

export class KeySetError extends Error {}

/** certutil.ParsePublicKeyPEM: a PKIX public key or a certificate's key. */
export function parsePublicKeyPEM(pem: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch {
    throw new KeySetError('data does not contain any valid RSA, ECDSA, or ED25519 public keys');
  }
}

// jose and undici load on first use: a node that never verifies a JWT never pays for them.
function staticKeySet(pems: readonly string[]): KeySet {
  const keys = pems.map(parsePublicKeyPEM);
  return {
    async verify(token) {
      const { compactVerify } = await import('jose');
      for (const key of keys) {
        try {
          return (await compactVerify(token, key, { algorithms: ALL_ALGS })).payload;
        } catch {
          // try the next key, as staticKeySet.VerifySignature does
        }
      }
      throw new KeySetError('no known key successfully validated the token signature');
    },
  };
}

/** A fetch that trusts only `caPem` when one is given (createCAContext). */
async function fetchWithCA(caPem: string): Promise<typeof globalThis.fetch | undefined> {
  if (caPem === '') return undefined;
  const { Agent, fetch: undiciFetch } = await import('undici');
  const dispatcher = new Agent({ connect: { ca: caPem } });
  return ((url: string, init: RequestInit) =>
    undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch;
}

/** Remote key sets are kept per URL and CA, so their JWKS cache survives between logins. */
const remoteSets = new Map<string, JWTVerifyGetKey>();

async function remoteKeySet(url: string, caPem: string): Promise<KeySet> {
  const { compactVerify, createRemoteJWKSet, customFetch } = await import('jose');
  const cacheKey = `${url}\n${caPem}`;
  let getKey = remoteSets.get(cacheKey);
  if (getKey === undefined) {
    const fetcher = await fetchWithCA(caPem);
    getKey = createRemoteJWKSet(new URL(url), fetcher ? { [customFetch]: fetcher } : {});
    if (remoteSets.size > 64) remoteSets.clear();
    remoteSets.set(cacheKey, getKey);
  }
  const resolve = getKey;
  return {
    async verify(token) {
      try {
        return (await compactVerify(token, resolve, { algorithms: ALL_ALGS })).payload;
      } catch {
        // go-oidc's remoteKeySet: one message whatever went wrong.
        throw new KeySetError('failed to verify id token signature');
      }
    },
  };
}

/** NewOIDCDiscoveryKeySet: the discovery document's issuer must match, its jwks_uri is used. */
async function discoveryKeySet(issuer: string, caPem: string): Promise<KeySet> {
  const fetcher = (await fetchWithCA(caPem)) ?? globalThis.fetch;
  const wellKnown = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const resp = await fetcher(wellKnown, { method: 'GET' });
  const body = await resp.text();
  if (resp.status !== 200) throw new KeySetError(`${resp.status} ${resp.statusText}: ${body}`);
  let doc: { issuer?: unknown; jwks_uri?: unknown };
  try {
    doc = JSON.parse(body) as typeof doc;
  } catch (error) {
    throw new KeySetError(`failed to decode OIDC discovery document: ${(error as Error).message}`);
  }
  if (doc.issuer !== issuer) {
    throw new KeySetError(
      `issuer did not match the returned issuer, expected ${JSON.stringify(issuer)} got ${JSON.stringify(doc.issuer ?? '')}`,
    );
  }
  return remoteKeySet(String(doc.jwks_uri ?? ''), caPem);
}

/** jwtValidator: the key set the configuration names. */
export async function keySetFor(config: JwtConfig): Promise<KeySet> {
  if (config.jwtValidationPubKeys.length > 0) return staticKeySet(config.jwtValidationPubKeys);
  if (config.jwksURL !== '') return remoteKeySet(config.jwksURL, config.jwksCAPEM);
  if (config.oidcDiscoveryURL !== '')
    return discoveryKeySet(config.oidcDiscoveryURL, config.oidcDiscoveryCAPEM);
  throw new KeySetError('unsupported config type');
}
