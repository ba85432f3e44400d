import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import {
  type JwtIssuer,
  makeSigningKey,
  type SigningKey,
  signJwt,
  startJwtIssuer,
  unsignedJwt,
} from '../helpers/jwt-issuer.js';
import { runCli } from '../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';
import { authOf, errorsOf } from '../helpers/tokens.js';

/**
 * JWT auth as a CI job uses it (vault-plugin-auth-jwt, role_type=jwt): the CI system's issuer
 * signs an identity token for the job, publishes its keys as a JWKS over HTTPS, and the job
 * trades the token for a Vault token. Messages are the plugin's and hashicorp/cap's.
 */
describe('JWT logins from a loopback JWKS issuer', () => {
  let server: ServerProcess;
  let addr: string;
  let tls: TlsFiles;
  let issuer: JwtIssuer;
  let keys: Record<'RS256' | 'ES256' | 'EdDSA', SigningKey>;
  let stranger: SigningKey;
  const root = 'root-token-for-jwt-tests';
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: issuer.url,
    aud: 'hvr',
    sub: 'repo:acme/app:ref:refs/heads/main',
    repository: 'acme/app',
    ref: 'refs/heads/main',
    ...extra,
  });
  const login = (jwt: string, role = 'ci', mount = 'jwt') =>
    api(addr, `auth/${mount}/login`, { body: { role, jwt } });

  beforeAll(async () => {
    tls = await makeTlsFiles(await mkdtemp(join(tmpdir(), 'hvr-jwt-')));
    keys = {
      RS256: await makeSigningKey('RS256', 'rsa-1'),
      ES256: await makeSigningKey('ES256', 'ec-1'),
      EdDSA: await makeSigningKey('EdDSA', 'ed-1'),
    };
    stranger = await makeSigningKey('RS256', 'rsa-1');
    issuer = await startJwtIssuer(tls, Object.values(keys));
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    await api(addr, 'sys/auth/jwt', { token: root, body: { type: 'jwt' } });
    const config = await api(addr, 'auth/jwt/config', {
      token: root,
      body: { jwks_url: issuer.jwksUrl, jwks_ca_pem: tls.caPem, bound_issuer: issuer.url },
    });
    expect(config.status).toBe(204);
    const role = await api(addr, 'auth/jwt/role/ci', {
      token: root,
      body: {
        role_type: 'jwt',
        user_claim: 'sub',
        bound_audiences: 'hvr',
        bound_claims_type: 'glob',
        bound_claims: { repository: 'acme/*', ref: ['refs/heads/main', 'refs/tags/v*'] },
        claim_mappings: { repository: 'repo', ref: 'ref' },
        token_policies: 'ci',
        token_ttl: '10m',
      },
    });
    expect(role.status).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
    await issuer?.close();
  });

  test.each(['RS256', 'ES256', 'EdDSA'] as const)('a %s token from the issuer logs in', async (alg) => {
    const res = await login(await signJwt(keys[alg], claims()));
    expect(res.status).toBe(200);
    expect(authOf(res)).toMatchObject({
      policies: ['ci', 'default'],
      lease_duration: 600,
      metadata: { repo: 'acme/app', ref: 'refs/heads/main', role: 'ci' },
    });
  });

  test('hvr login -method=jwt role=… jwt=…, as the CI job runs it', async () => {
    const home = await mkdtemp(join(tmpdir(), 'hvr-jwt-home-'));
    const token = await signJwt(keys.ES256, claims({ ref: 'refs/tags/v1.2.0' }));
    const res = await runCli(['login', '-method=jwt', '-format=json', 'role=ci', `jwt=${token}`], {
      env: { VAULT_ADDR: addr, HOME: home, HVR_HOME: home },
    });
    expect(res.stderr).toBe('');
    const auth = (JSON.parse(res.stdout) as { auth: { client_token: string } }).auth;
    const self = dataOf(await api(addr, 'auth/token/lookup-self', { token: auth.client_token }));
    expect(self).toMatchObject({
      display_name: 'jwt-repo:acme/app:ref:refs/heads/main',
      policies: ['ci', 'default'],
    });
  });

  test('expired, wrong audience, wrong issuer, unknown key, alg=none and unbound claims are refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string]> = [
      [
        await signJwt(keys.RS256, claims({ iat: now - 3600, exp: now - 1800 })),
        'error validating token: invalid expiration time (exp) claim: token is expired',
      ],
      [
        await signJwt(keys.RS256, claims({ aud: 'someone-else' })),
        'error validating token: invalid audience (aud) claim: audience claim does not match any expected audience',
      ],
      [
        await signJwt(keys.ES256, claims({ iss: 'https://evil.example' })),
        'error validating token: invalid issuer (iss) claim',
      ],
      [
        await signJwt(stranger, claims()),
        'error validating token: error verifying token signature: failed to verify id token signature',
      ],
      [
        unsignedJwt(claims()),
        'error validating token: error verifying token signature: failed to verify id token signature',
      ],
      [
        await signJwt(keys.EdDSA, claims({ ref: 'refs/heads/feature' })),
        'error validating claims: claim "ref" does not match any associated bound claim values',
      ],
      [
        await signJwt(keys.EdDSA, claims({ repository: undefined })),
        'error validating claims: claim "repository" is missing',
      ],
    ];
    for (const [jwt, message] of cases) {
      const res = await login(jwt);
      expect([res.status, errorsOf(res)]).toEqual([400, [message]]);
    }
    expect(errorsOf(await login('', 'ci'))).toEqual(['missing token']);
    expect(errorsOf(await login('x', 'nope'))).toEqual(['role "nope" could not be found']);
  });

  test('oidc_discovery_url with default_role, and static jwt_validation_pubkeys', async () => {
    await api(addr, 'sys/auth/ci-oidc', { token: root, body: { type: 'jwt' } });
    const config = await api(addr, 'auth/ci-oidc/config', {
      token: root,
      body: { oidc_discovery_url: issuer.url, oidc_discovery_ca_pem: tls.caPem, default_role: 'deploy' },
    });
    expect(config.status).toBe(204);
    await api(addr, 'auth/ci-oidc/role/deploy', {
      token: root,
      body: {
        role_type: 'jwt',
        user_claim: 'repository',
        bound_subject: 'repo:acme/app:ref:refs/heads/main',
        bound_audiences: 'hvr',
      },
    });
    const viaDiscovery = await api(addr, 'auth/ci-oidc/login', {
      body: { jwt: await signJwt(keys.RS256, claims()) },
    });
    expect(authOf(viaDiscovery).metadata).toEqual({ role: 'deploy' });
    const otherSub = await api(addr, 'auth/ci-oidc/login', {
      body: { jwt: await signJwt(keys.RS256, claims({ sub: 'repo:acme/other' })) },
    });
    expect(errorsOf(otherSub)).toEqual(['error validating token: invalid subject (sub) claim']);

    await api(addr, 'sys/auth/jwt-static', { token: root, body: { type: 'jwt' } });
    await api(addr, 'auth/jwt-static/config', {
      token: root,
      body: { jwt_validation_pubkeys: [keys.ES256.publicPem] },
    });
    await api(addr, 'auth/jwt-static/role/ci', {
      token: root,
      body: { role_type: 'jwt', user_claim: 'sub', bound_audiences: 'hvr' },
    });
    expect((await login(await signJwt(keys.ES256, claims()), 'ci', 'jwt-static')).status).toBe(200);
    expect(errorsOf(await login(await signJwt(keys.RS256, claims()), 'ci', 'jwt-static'))).toEqual([
      'error validating token: error verifying token signature: no known key successfully validated the token signature',
    ]);
  });

  test('configuration and role mistakes get Vault’s answers', async () => {
    const both = await api(addr, 'auth/jwt/config', {
      token: root,
      body: { jwks_url: issuer.jwksUrl, jwt_validation_pubkeys: [keys.ES256.publicPem] },
    });
    expect(errorsOf(both)).toEqual([
      "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set",
    ]);
    const untrusted = await api(addr, 'auth/jwt/config', { token: root, body: { jwks_url: issuer.jwksUrl } });
    expect(errorsOf(untrusted)).toEqual(['error checking jwks URL']);
    const noBound = await api(addr, 'auth/jwt/role/loose', {
      token: root,
      body: { role_type: 'jwt', user_claim: 'sub' },
    });
    expect(errorsOf(noBound)).toEqual([
      'must have at least one bound constraint when creating/updating a role',
    ]);
    const oidc = await api(addr, 'auth/jwt/role/web', {
      token: root,
      body: { user_claim: 'sub', bound_audiences: 'x' },
    });
    expect(errorsOf(oidc)).toEqual([
      "'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.",
    ]);
    // The earlier, valid configuration is still the one in force.
    expect(dataOf(await api(addr, 'auth/jwt/config', { token: root })).jwks_url).toBe(issuer.jwksUrl);
  });
});
