import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf, rawPathRequest } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';

describe('hvr server -dev over real HTTP', () => {
  let server: ServerProcess;
  let root: string;

  beforeAll(async () => {
    server = await devServer(['-dev-root-token-id=root-token-for-tests']);
    root = server.rootToken() ?? '';
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('prints the dev banner with the fixed root token and a base64 unseal key', () => {
    expect(server.output()).toContain('WARNING! dev mode is enabled!');
    expect(root).toBe('root-token-for-tests');
    expect(server.unsealKey()).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  test('health, seal-status and leader answer without a token', async () => {
    const health = await api(server.address, 'sys/health');
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({
      initialized: true,
      sealed: false,
      standby: false,
      replication_dr_mode: 'disabled',
    });
    const status = await api(server.address, 'sys/seal-status');
    expect(status.json).toMatchObject({
      type: 'shamir',
      initialized: true,
      sealed: false,
      t: 1,
      n: 1,
      progress: 0,
    });
    const leader = await api(server.address, 'sys/leader');
    expect(leader.json).toMatchObject({ ha_enabled: false, is_self: false });
    const replication = await api(server.address, 'sys/replication/status');
    expect(dataOf(replication)).toEqual({ dr: { mode: 'disabled' }, performance: { mode: 'disabled' } });
  });

  test('KV v2 at secret/: write, read, envelope, versions', async () => {
    const write = await api(server.address, 'secret/data/app', {
      token: root,
      body: { data: { password: 'hunter2' } },
    });
    expect(write.status).toBe(200);
    expect(dataOf(write)).toMatchObject({ version: 1, destroyed: false, deletion_time: '' });
    const read = await api(server.address, 'secret/data/app', { token: root });
    expect(read.status).toBe(200);
    expect(Object.keys(read.json ?? {})).toEqual([
      'request_id',
      'lease_id',
      'renewable',
      'lease_duration',
      'data',
      'wrap_info',
      'warnings',
      'auth',
      'mount_type',
    ]);
    expect(read.json).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, mount_type: 'kv' });
    expect(dataOf(read).data).toEqual({ password: 'hunter2' });
    expect(read.headers['cache-control']).toBe('no-store');
    const missing = await api(server.address, 'secret/data/nope', { token: root });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ errors: [] });
  });

  test('integers beyond 2^53 in a request body are stored and read back digit for digit', async () => {
    const big = '123456789012345678901234567890';
    const write = await api(server.address, 'secret/data/big', {
      token: root,
      rawBody: `{"data":{"n":${big}}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(write.status).toBe(200);
    const read = await api(server.address, 'secret/data/big', { token: root });
    expect(read.text).toContain(`"n":${big}`);
  });

  test('lists answer to LIST and ?list=true, and an empty list is 404', async () => {
    await api(server.address, 'secret/data/team/a', { token: root, body: { data: { k: 'v' } } });
    const viaQuery = await api(server.address, 'secret/metadata/team?list=true', { token: root });
    expect(dataOf(viaQuery).keys).toEqual(['a']);
    const viaVerb = await api(server.address, 'secret/metadata/team/', {
      token: root,
      headers: {},
      method: 'GET',
    }).then(() => api(server.address, 'secret/metadata/team?list=1', { token: root }));
    expect(dataOf(viaVerb).keys).toEqual(['a']);
    const empty = await api(server.address, 'secret/metadata/nothing-here?list=true', { token: root });
    expect(empty.status).toBe(404);
    expect(empty.json).toEqual({ errors: [] });
  });

  test('a write with nothing to say is 204', async () => {
    const res = await api(server.address, 'sys/policies/acl/reader', {
      token: root,
      body: { policy: 'path "secret/data/app" { capabilities = ["read"] }' },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
  });

  test('policies are enforced for a child token', async () => {
    await api(server.address, 'sys/policies/acl/app-reader', {
      token: root,
      body: { policy: 'path "secret/data/app" { capabilities = ["read"] }' },
    });
    const created = await api(server.address, 'auth/token/create', {
      token: root,
      body: { policies: ['app-reader'] },
    });
    expect(created.status).toBe(200);
    const auth = created.json?.auth as Record<string, unknown>;
    expect(auth.policies).toEqual(['app-reader', 'default']);
    expect(String(auth.client_token)).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    const child = String(auth.client_token);
    expect((await api(server.address, 'secret/data/app', { token: child })).status).toBe(200);
    const denied = await api(server.address, 'secret/data/other', {
      token: child,
      body: { data: { a: 'b' } },
    });
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ errors: ['1 error occurred:\n\t* permission denied\n\n'] });
    const self = await api(server.address, 'auth/token/lookup-self', { token: child });
    expect(dataOf(self)).toMatchObject({
      policies: ['app-reader', 'default'],
      type: 'service',
      orphan: false,
    });
  });

  test('a bad or missing token is refused with Vault’s messages', async () => {
    const bad = await api(server.address, 'secret/data/app', { token: 'hvs.notarealtoken000000000' });
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual({
      errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'],
    });
    const none = await api(server.address, 'secret/data/app');
    expect(none.status).toBe(403);
  });

  test('response wrapping: wrap, lookup, unwrap once, then invalid', async () => {
    const wrapped = await api(server.address, 'secret/data/app', {
      token: root,
      headers: { 'x-vault-wrap-ttl': '5m' },
    });
    expect(wrapped.status).toBe(200);
    const info = wrapped.json?.wrap_info as Record<string, unknown>;
    expect(info).toMatchObject({ ttl: 300, creation_path: 'secret/data/app' });
    expect(wrapped.json?.data).toBeNull();
    const token = String(info.token);
    const lookup = await api(server.address, 'sys/wrapping/lookup', { body: { token } });
    expect(dataOf(lookup)).toMatchObject({ creation_ttl: 300, creation_path: 'secret/data/app' });
    const unwrapped = await api(server.address, 'sys/wrapping/unwrap', { token, body: null });
    expect(unwrapped.status).toBe(200);
    expect((dataOf(unwrapped).data as Record<string, unknown>).password).toBe('hunter2');
    const again = await api(server.address, 'sys/wrapping/unwrap', { token, body: null });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ errors: ['wrapping token is not valid or does not exist'] });
  });

  test('JWT wrapping tokens are ES512 and unwrap by JWT', async () => {
    const wrapped = await api(server.address, 'sys/wrapping/wrap', {
      token: root,
      body: { hello: 'world' },
      headers: { 'x-vault-wrap-ttl': '60', 'x-vault-wrap-format': 'jwt' },
    });
    const jwt = String((wrapped.json?.wrap_info as Record<string, unknown> | undefined)?.token);
    const [header, payload] = jwt
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
    expect(header).toEqual({ alg: 'ES512', typ: 'JWT' });
    expect(payload).toMatchObject({ type: 'wrapping', addr: server.address });
    expect(payload.exp - payload.iat).toBe(60);
    const unwrapped = await api(server.address, 'sys/wrapping/unwrap', { body: { token: jwt } });
    expect(dataOf(unwrapped)).toEqual({ hello: 'world' });
  });

  test('sys/wrapping/wrap without a wrap TTL is refused', async () => {
    const res = await api(server.address, 'sys/wrapping/wrap', { token: root, body: { a: 'b' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: ['endpoint requires response wrapping to be used'] });
  });

  test('bad input: malformed JSON, unknown route, parent references, oversized body', async () => {
    const badJson = await api(server.address, 'secret/data/x', {
      token: root,
      rawBody: '{"data":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    const unknown = await api(server.address, 'nosuchmount/thing', { token: root });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      errors: ['no handler for route "nosuchmount/thing". route entry not found.'],
    });
    const parentRef = await rawPathRequest(server.address, '/v1/secret/../sys/policies/acl/root', root);
    expect(parentRef.status).toBe(400);
    const huge = await api(server.address, 'secret/data/huge', {
      token: root,
      rawBody: `{"data":{"v":"${'x'.repeat(33 * 1024 * 1024)}"}}`,
    });
    expect(huge.status).toBe(413);
    const afterHuge = await api(server.address, 'secret/data/huge', { token: root });
    expect(afterHuge.status).toBe(404);
  });

  test('userpass: enable, create a user, log in, use the token', async () => {
    expect(
      (await api(server.address, 'sys/auth/userpass', { token: root, body: { type: 'userpass' } })).status,
    ).toBe(204);
    await api(server.address, 'auth/userpass/users/alice', {
      token: root,
      body: { password: 's3cret', token_policies: 'app-reader' },
    });
    const login = await api(server.address, 'auth/userpass/login/alice', { body: { password: 's3cret' } });
    expect(login.status).toBe(200);
    const auth = login.json?.auth as Record<string, unknown>;
    expect(auth.policies).toEqual(['app-reader', 'default']);
    expect(auth.lease_duration).toBe(2764800);
    const wrong = await api(server.address, 'auth/userpass/login/alice', { body: { password: 'nope' } });
    expect(wrong.status).toBe(400);
    const read = await api(server.address, 'secret/data/app', { token: String(auth.client_token) });
    expect(read.status).toBe(200);
  });

  test('sealing makes every other path answer 503 until unsealed', async () => {
    expect((await api(server.address, 'sys/seal', { token: root, body: null })).status).toBe(204);
    const sealedRead = await api(server.address, 'secret/data/app', { token: root });
    expect(sealedRead.status).toBe(503);
    expect(sealedRead.json).toEqual({ errors: ['Vault is sealed'] });
    expect((await api(server.address, 'sys/health')).status).toBe(503);
    const unseal = await api(server.address, 'sys/unseal', { body: { key: server.unsealKey() } });
    expect(unseal.json).toMatchObject({ sealed: false });
    expect((await api(server.address, 'secret/data/app', { token: root })).status).toBe(200);
  });
});
