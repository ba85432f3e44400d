import { X509Certificate } from 'node:crypto';
import { badRequest } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import { type JwtConfig, loadConfig, newConfig, saveConfig } from './config-entry.js';
import { ALL_ALGS, KeySetError, keySetFor, parsePublicKeyPEM } from './key-set.js';

const STRING_FIELDS = [
  ['oidc_discovery_url', 'oidcDiscoveryURL'],
  ['oidc_discovery_ca_pem', 'oidcDiscoveryCAPEM'],
  ['jwks_url', 'jwksURL'],
  ['jwks_ca_pem', 'jwksCAPEM'],
  ['bound_issuer', 'boundIssuer'],
  ['default_role', 'defaultRole'],
] as const;

const validCAPem = (pem: string): boolean => {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
};

/** pathConfigWrite, for the JWT side: one key source, checked before it is saved. */
export const writeConfig: Handler = async (_req, f, ctx) => {
  const config: JwtConfig = newConfig();
  for (const [field, key] of STRING_FIELDS) config[key] = f.string(field) ?? '';
  config.jwtValidationPubKeys = f.strings('jwt_validation_pubkeys') ?? [];
  config.jwtSupportedAlgs = f.strings('jwt_supported_algs') ?? [];
  const sources = [
    config.jwtValidationPubKeys.length > 0,
    config.jwksURL !== '',
    config.oidcDiscoveryURL !== '',
  ];
  if (sources.filter(Boolean).length !== 1) {
    throw badRequest(
      "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set",
    );
  }
  if (config.oidcDiscoveryURL.includes('.well-known')) {
    throw badRequest("'oidc_discovery_url' contains '.well-known' component");
  }
  if (config.jwksCAPEM !== '' && !validCAPem(config.jwksCAPEM))
    throw badRequest('error checking jwks_ca_pem');
  for (const pem of config.jwtValidationPubKeys) {
    try {
      parsePublicKeyPEM(pem);
    } catch (error) {
      throw badRequest(`error parsing public key: ${(error as Error).message}`);
    }
  }
  const badAlg = config.jwtSupportedAlgs.find((alg) => !ALL_ALGS.includes(alg));
  if (badAlg !== undefined)
    throw badRequest(`invalid jwt_supported_algs: unsupported signing algorithm "${badAlg}"`);
  // Vault fetches the remote keys once so a wrong URL or CA fails now, not at the first login.
  if (config.oidcDiscoveryURL !== '' || config.jwksURL !== '') {
    try {
      await keySetFor(config);
      if (config.jwksURL !== '') await probeJWKS(config);
    } catch (error) {
      if (config.oidcDiscoveryURL !== '') {
        throw badRequest(`error checking oidc discovery URL: ${(error as Error).message}`);
      }
      if (error instanceof KeySetError || error instanceof Error) throw badRequest('error checking jwks URL');
      throw error;
    }
  }
  await saveConfig(ctx.storage, config);
  return null;
};

/** A token no key can verify: the JWKS must still be fetched and parsed for the check to pass. */
async function probeJWKS(config: JwtConfig): Promise<void> {
  const { Agent, fetch } = await import('undici');
  const dispatcher = config.jwksCAPEM === '' ? undefined : new Agent({ connect: { ca: config.jwksCAPEM } });
  const resp = await fetch(config.jwksURL, dispatcher ? { dispatcher } : {});
  const body = (await resp.json()) as { keys?: unknown };
  await dispatcher?.close();
  if (resp.status !== 200 || !Array.isArray(body.keys)) throw new Error('not a JWKS');
}

export const readConfig: Handler = async (_req, _f, ctx) => {
  const c = await loadConfig(ctx.storage);
  if (c === null) return null;
  return {
    data: {
      bound_issuer: c.boundIssuer,
      default_role: c.defaultRole,
      jwks_ca_pem: c.jwksCAPEM,
      jwks_url: c.jwksURL,
      jwt_supported_algs: c.jwtSupportedAlgs,
      jwt_validation_pubkeys: c.jwtValidationPubKeys,
      namespace_in_state: false,
      oidc_client_id: '',
      oidc_discovery_ca_pem: c.oidcDiscoveryCAPEM,
      oidc_discovery_url: c.oidcDiscoveryURL,
      oidc_response_mode: '',
      oidc_response_types: [],
      provider_config: {},
    },
  };
};
