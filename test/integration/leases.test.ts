import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { authOf, createToken, errorsOf, writePolicy } from '../helpers/tokens.js';

/**
 * Auth leases over sys/leases, as website/content/api-docs/system/leases.mdx describes them
 * and vault/logical_system.go answers (handleLeaseLookup, handleLeaseLookupList).
 */
describe('sys/leases over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-lease-tests';
  const LOGIN_PREFIX = 'auth/userpass/login/';

  const login = async (user: string) =>
    authOf(await api(addr, `auth/userpass/login/${user}`, { body: { password: `${user}-pw` } }));
  const listLeases = (prefix: string, token = root) =>
    api(addr, `sys/leases/lookup/${prefix}?list=true`, { token });
  const leaseLookup = (leaseId: string, token = root) =>
    api(addr, 'sys/leases/lookup', { token, body: { lease_id: leaseId } });
  const leaseIdsOf = async (user: string): Promise<string[]> => {
    const res = await listLeases(`${LOGIN_PREFIX}${user}/`);
    if (res.status === 404) return [];
    return (dataOf(res).keys as string[]).map((key) => `${LOGIN_PREFIX}${user}/${key}`);
  };

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    expect((await api(addr, 'sys/auth/userpass', { token: root, body: { type: 'userpass' } })).status).toBe(
      204,
    );
    for (const user of ['alice', 'bob', 'carol', 'dave']) {
      const res = await api(addr, `auth/userpass/users/${user}`, {
        token: root,
        body: { password: `${user}-pw`, token_ttl: '1h', token_max_ttl: '4h' },
      });
      expect(res.status).toBe(204);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('a userpass login gets an auth lease under auth/userpass/login/<user>/', async () => {
    const auth = await login('alice');
    expect(auth).toMatchObject({
      lease_duration: 3600,
      renewable: true,
      orphan: true,
      metadata: { username: 'alice' },
    });
    const users = await listLeases(LOGIN_PREFIX);
    expect(users.status).toBe(200);
    expect(dataOf(users).keys).toContain('alice/');
    const ids = await leaseIdsOf('alice');
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^auth\/userpass\/login\/alice\/[0-9a-f]+$/);
  });

  test('sys/leases/lookup answers id, issue_time, expire_time, last_renewal, renewable, ttl', async () => {
    const auth = await login('carol');
    const [leaseId] = await leaseIdsOf('carol');
    if (!leaseId) throw new Error('carol has no lease');
    // The default policy grants update on sys/leases/lookup, so the owner may look.
    const res = await leaseLookup(leaseId, auth.client_token);
    expect(res.status).toBe(200);
    const data = dataOf(res);
    expect(Object.keys(data).sort()).toEqual([
      'expire_time',
      'id',
      'issue_time',
      'last_renewal',
      'renewable',
      'ttl',
    ]);
    expect(data).toMatchObject({ id: leaseId, last_renewal: null, renewable: true });
    expect(data.ttl).toBeGreaterThan(3500);
    expect(data.ttl).toBeLessThanOrEqual(3600);
    const issued = Date.parse(String(data.issue_time));
    expect(Math.abs(issued - Date.now())).toBeLessThan(60_000);
    // The token and its lease are stamped a moment apart: compare to the second.
    expect(Math.abs(Date.parse(String(data.expire_time)) - issued - 3600_000)).toBeLessThan(1000);

    const unknown = await leaseLookup(`${LOGIN_PREFIX}carol/nope`);
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown)).toEqual(['invalid lease']);
    const missing = await api(addr, 'sys/leases/lookup', { token: root, body: {} });
    expect(missing.status).toBe(400);
    expect(errorsOf(missing)).toEqual(['lease_id must be specified']);
  });

  test('renewing the token moves its lease; sys/leases/renew refuses token leases', async () => {
    const auth = await login('bob');
    const [leaseId] = await leaseIdsOf('bob');
    if (!leaseId) throw new Error('bob has no lease');
    const renew = await api(addr, 'auth/token/renew-self', {
      token: auth.client_token,
      body: { increment: '2h' },
    });
    expect(renew.status).toBe(200);
    expect(authOf(renew).lease_duration).toBeGreaterThan(7100);
    const after = dataOf(await leaseLookup(leaseId));
    expect(after.ttl).toBeGreaterThan(7100);
    expect(after.ttl).toBeLessThanOrEqual(7200);
    expect(typeof after.last_renewal).toBe('string');

    // expiration.go Renew: `tokens cannot be renewed through this endpoint`.
    const viaSys = await api(addr, 'sys/leases/renew', {
      token: root,
      body: { lease_id: leaseId, increment: '3h' },
    });
    expect(viaSys.status).toBe(400);
    expect(errorsOf(viaSys)).toEqual(['tokens cannot be renewed through this endpoint']);
    expect(Number(dataOf(await leaseLookup(leaseId)).ttl)).toBeLessThanOrEqual(7200);
  });

  test('sys/leases/revoke revokes the token behind the lease', async () => {
    const auth = await login('dave');
    expect((await api(addr, 'auth/token/lookup-self', { token: auth.client_token })).status).toBe(200);
    const [leaseId] = await leaseIdsOf('dave');
    if (!leaseId) throw new Error('dave has no lease');
    const res = await api(addr, 'sys/leases/revoke', { token: root, body: { lease_id: leaseId } });
    expect(res.status).toBe(204);
    const denied = await api(addr, 'auth/token/lookup-self', { token: auth.client_token });
    expect(denied.status).toBe(403);
    expect(await leaseIdsOf('dave')).toEqual([]);
    expect(errorsOf(await leaseLookup(leaseId))).toEqual(['invalid lease']);
  });

  test('revoke-prefix needs sudo and revokes every lease (and token) under the prefix', async () => {
    const tokens = [await login('alice'), await login('alice')];
    expect((await leaseIdsOf('alice')).length).toBeGreaterThanOrEqual(2);

    await writePolicy(
      addr,
      root,
      'revoker',
      'path "sys/leases/revoke-prefix/*" { capabilities = ["update"] }',
    );
    const noSudo = await createToken(addr, root, { policies: ['revoker'] });
    const refused = await api(addr, `sys/leases/revoke-prefix/${LOGIN_PREFIX}alice`, {
      token: noSudo.client_token,
      body: {},
    });
    expect(refused.status).toBe(403);
    expect((await api(addr, 'auth/token/lookup-self', { token: tokens[0]?.client_token })).status).toBe(200);

    const res = await api(addr, `sys/leases/revoke-prefix/${LOGIN_PREFIX}alice`, { token: root, body: {} });
    expect(res.status).toBe(204);
    for (const auth of tokens) {
      expect((await api(addr, 'auth/token/lookup-self', { token: auth.client_token })).status).toBe(403);
    }
    expect(await leaseIdsOf('alice')).toEqual([]);
    const empty = await listLeases(`${LOGIN_PREFIX}alice/`);
    expect(empty.status).toBe(404);
    expect(empty.json).toEqual({ errors: [] });
  });

  test('LIST sys/leases/lookup/<prefix> needs sudo: root and sudo lists, plain list is 403', async () => {
    await login('carol');
    await writePolicy(addr, root, 'lease-list', 'path "sys/leases/lookup/*" { capabilities = ["list"] }');
    await writePolicy(
      addr,
      root,
      'lease-list-sudo',
      'path "sys/leases/lookup/*" { capabilities = ["list", "sudo"] }',
    );
    const plain = await createToken(addr, root, { policies: ['lease-list'] });
    const sudo = await createToken(addr, root, { policies: ['lease-list-sudo'] });

    const denied = await listLeases(LOGIN_PREFIX, plain.client_token);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ errors: ['1 error occurred:\n\t* permission denied\n\n'] });
    const allowed = await listLeases(LOGIN_PREFIX, sudo.client_token);
    expect(allowed.status).toBe(200);
    expect(dataOf(allowed).keys).toContain('carol/');
    expect((await listLeases(LOGIN_PREFIX)).status).toBe(200);
    const noToken = await api(addr, `sys/leases/lookup/${LOGIN_PREFIX}?list=true`);
    expect(noToken.status).toBe(403);
  });

  test('auth/token/create leases live under auth/token/create/; a ttl-less root token has none', async () => {
    const token = await createToken(addr, root, { ttl: '1h' });
    const created = await listLeases('auth/token/create/');
    expect(created.status).toBe(200);
    expect((dataOf(created).keys as string[]).length).toBeGreaterThanOrEqual(1);
    const revoked = await api(addr, 'auth/token/revoke', {
      token: root,
      body: { token: token.client_token },
    });
    expect(revoked.status).toBe(204);
    const keysAfter = await listLeases('auth/token/create/');
    const countAfter = keysAfter.status === 404 ? 0 : (dataOf(keysAfter).keys as string[]).length;
    expect(countAfter).toBe((dataOf(created).keys as string[]).length - 1);
  });
});
