import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { errorsOf, writePolicy } from '../helpers/tokens.js';

/**
 * Wrong types, unknown fields and malformed bodies: each is refused (or warned about) the way
 * Vault's framework does it (sdk/framework/backend.go HandleRequest, field_data.go Validate),
 * and a refused request leaves storage as it was.
 */
describe('bad inputs over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-bad-input-tests';

  const accessors = async () =>
    dataOf(await api(addr, 'auth/token/accessors?list=true', { token: root })).keys;
  const loginStatus = async (password: string) =>
    (await api(addr, 'auth/userpass/login/erin', { body: { password } })).status;

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    expect((await api(addr, 'sys/auth/userpass', { token: root, body: { type: 'userpass' } })).status).toBe(
      204,
    );
    const user = await api(addr, 'auth/userpass/users/erin', {
      token: root,
      body: { password: 'old-pw', token_ttl: '10m' },
    });
    expect(user.status).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('a duration field given "abc" is a 400 naming the field; the user is unchanged', async () => {
    // userpass `ttl` (the deprecated name of token_ttl) is a TypeDurationSecond field.
    const res = await api(addr, 'auth/userpass/users/erin', {
      token: root,
      body: { password: 'new-pw', ttl: 'abc' },
    });
    expect(res.status).toBe(400);
    const [message] = errorsOf(res) as string[];
    expect(message).toContain('error converting input abc for field "ttl"');
    expect(message).toContain('time: invalid duration "abc"');
    expect(await loginStatus('old-pw')).toBe(200);
    expect(await loginStatus('new-pw')).toBe(400);
    expect(dataOf(await api(addr, 'auth/userpass/users/erin', { token: root })).token_ttl).toBe(600);
  });

  test('auth/token/create with a bad ttl, num_uses or policies is a 400 and creates no token', async () => {
    const before = await accessors();
    const ttl = await api(addr, 'auth/token/create', { token: root, body: { ttl: 'abc' } });
    expect(ttl.status).toBe(400);
    expect(String(errorsOf(ttl))).toContain('invalid duration "abc"');
    const uses = await api(addr, 'auth/token/create', { token: root, body: { num_uses: 'lots' } });
    expect(uses.status).toBe(400);
    expect(String(errorsOf(uses))).toContain('field "num_uses"');
    const policies = await api(addr, 'auth/token/create', { token: root, body: { policies: { a: 1 } } });
    expect(policies.status).toBe(400);
    expect(String(errorsOf(policies))).toContain('field "policies"');
    expect(await accessors()).toEqual(before);
  });

  test('a bool field given "maybe" is a 400 naming it; no mount appears', async () => {
    const res = await api(addr, 'sys/mounts/maybe', { token: root, body: { type: 'kv', local: 'maybe' } });
    expect(res.status).toBe(400);
    expect(String(errorsOf(res))).toContain('field "local"');
    expect(Object.keys(dataOf(await api(addr, 'sys/mounts', { token: root })))).not.toContain('maybe/');
  });

  test('unknown fields: Vault’s sorted "Endpoint ignored these unrecognized parameters" warning', async () => {
    const created = await api(addr, 'auth/token/create', {
      token: root,
      body: { policies: ['default'], zeta: 1, alpha: 'x' },
    });
    expect(created.status).toBe(200);
    expect(created.json?.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [alpha zeta]']);
    const lookup = await api(addr, 'auth/token/lookup', { token: root, body: { token: root, extra: true } });
    expect(lookup.status).toBe(200);
    expect(lookup.json?.warnings).toEqual(['Endpoint ignored these unrecognized parameters: [extra]']);
    // Only a response that exists carries warnings: a 204 stays empty.
    const policy = await api(addr, 'sys/policies/acl/extra', {
      token: root,
      body: { policy: 'path "x" { capabilities = ["read"] }', bogus: 1 },
    });
    expect(policy.status).toBe(204);
    expect(policy.text).toBe('');
    const known = await api(addr, 'auth/token/create', { token: root, body: { policies: ['default'] } });
    expect(known.json?.warnings).toBeNull();
  });

  test('a failed policy update keeps the old policy', async () => {
    const good = 'path "secret/data/keep" { capabilities = ["read"] }';
    await writePolicy(addr, root, 'keeper', good);
    const bad = await api(addr, 'sys/policies/acl/keeper', {
      token: root,
      body: { policy: 'path "secret/data/keep" {' },
    });
    expect(bad.status).toBe(400);
    expect(dataOf(await api(addr, 'sys/policies/acl/keeper', { token: root })).policy).toBe(good);
  });

  test('malformed JSON is a 400 and writes nothing', async () => {
    const res = await api(addr, 'secret/data/half', {
      token: root,
      rawBody: '{"data": {"a": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await api(addr, 'secret/data/half', { token: root })).status).toBe(404);
    const notObject = await api(addr, 'auth/token/create', {
      token: root,
      rawBody: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notObject.status).toBe(400);
  });
});
