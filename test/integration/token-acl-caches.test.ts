import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { createToken, writePolicy } from '../helpers/tokens.js';

/**
 * The node keeps parsed token entries and built ACLs between requests (issue 13). Every
 * change must be seen by the very next request: a revocation, a policy write or delete, a
 * use counted against num_uses, a renewal. Each test warms the caches with a few requests
 * first, so a stale cache would answer the one that follows.
 */
describe('token and ACL caches over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-cache-tests';
  const warm = async (token: string, path: string) => {
    for (let i = 0; i < 3; i++) expect((await api(addr, path, { token })).status).toBe(200);
  };

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    const put = await api(addr, 'secret/data/cache/one', { token: root, body: { data: { v: 1 } } });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('a revoked token is refused at once, by itself and by accessor', async () => {
    const reader = `path "secret/data/cache/*" { capabilities = ["read"] }`;
    await writePolicy(addr, root, 'cache-reader', reader);
    const a = await createToken(addr, root, { policies: ['cache-reader'] });
    await warm(a.client_token, 'secret/data/cache/one');
    expect(
      (await api(addr, 'auth/token/revoke-self', { token: a.client_token, method: 'POST' })).status,
    ).toBe(204);
    expect((await api(addr, 'secret/data/cache/one', { token: a.client_token })).status).toBe(403);

    const b = await createToken(addr, root, { policies: ['cache-reader'] });
    await warm(b.client_token, 'secret/data/cache/one');
    const byAccessor = await api(addr, 'auth/token/revoke-accessor', {
      token: root,
      method: 'POST',
      body: { accessor: b.accessor },
    });
    expect(byAccessor.status).toBe(204);
    expect((await api(addr, 'secret/data/cache/one', { token: b.client_token })).status).toBe(403);
  });

  test('a policy write or delete changes what a token may do on its next request', async () => {
    const t = await createToken(addr, root, { policies: ['cache-changing'] });
    // The policy does not exist yet: the token has only `default`.
    expect((await api(addr, 'secret/data/cache/one', { token: t.client_token })).status).toBe(403);
    await writePolicy(addr, root, 'cache-changing', `path "secret/data/cache/*" { capabilities = ["read"] }`);
    await warm(t.client_token, 'secret/data/cache/one');
    await writePolicy(addr, root, 'cache-changing', `path "secret/data/cache/*" { capabilities = ["deny"] }`);
    expect((await api(addr, 'secret/data/cache/one', { token: t.client_token })).status).toBe(403);
    await writePolicy(addr, root, 'cache-changing', `path "secret/data/cache/*" { capabilities = ["read"] }`);
    await warm(t.client_token, 'secret/data/cache/one');
    expect(
      (await api(addr, 'sys/policies/acl/cache-changing', { token: root, method: 'DELETE' })).status,
    ).toBe(204);
    expect((await api(addr, 'secret/data/cache/one', { token: t.client_token })).status).toBe(403);
  });

  test('num_uses is honoured request by request, and the token is gone after its last use', async () => {
    const t = await createToken(addr, root, { policies: ['cache-reader'], num_uses: 3 });
    for (let i = 0; i < 3; i++) {
      expect((await api(addr, 'secret/data/cache/one', { token: t.client_token })).status).toBe(200);
    }
    expect((await api(addr, 'secret/data/cache/one', { token: t.client_token })).status).toBe(403);
    const lookup = await api(addr, 'auth/token/lookup', { token: root, body: { token: t.client_token } });
    expect(lookup.status).toBe(403);
  });

  test('a renewal is what the next lookup-self shows', async () => {
    const t = await createToken(addr, root, {
      policies: ['cache-reader'],
      ttl: '1h',
      explicit_max_ttl: '10h',
    });
    await warm(t.client_token, 'auth/token/lookup-self');
    const renew = await api(addr, 'auth/token/renew-self', {
      token: t.client_token,
      method: 'POST',
      body: { increment: '5h' },
    });
    expect(renew.status).toBe(200);
    const after = dataOf(await api(addr, 'auth/token/lookup-self', { token: t.client_token }));
    expect(after.ttl).toBeGreaterThan(3600 * 4);
  });
});
