import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { authOf, createToken, errorsOf, writePolicy } from '../helpers/tokens.js';

/**
 * Vault's authorization invariants on mounts and tokens (issue 9), each against a real dev
 * server. The rule each test pins is quoted from vault/mount.go, vault/auth.go,
 * vault/token_store.go or vault/request_handling.go.
 */
describe('mount and token invariants over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-invariant-tests';
  const post = (path: string, token: string, body: Record<string, unknown> = {}) =>
    api(addr, path, { token, body, method: 'POST' });
  const lookupSelf = (token: string) => api(addr, 'auth/token/lookup-self', { token });

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    await writePolicy(
      addr,
      root,
      'team',
      'path "sys/mounts/team/*" { capabilities = ["create", "update", "read", "delete"] }\n' +
        'path "team/*" { capabilities = ["create", "update", "read", "delete", "list"] }',
    );
    await writePolicy(
      addr,
      root,
      'rolemaker',
      'path "auth/token/roles/*" { capabilities = ["create", "update", "read"] }\n' +
        'path "auth/token/create/*" { capabilities = ["update"] }\n' +
        'path "auth/token/create" { capabilities = ["update"] }',
    );
    await writePolicy(addr, root, 'web', 'path "secret/data/web/*" { capabilities = ["read"] }');
    await writePolicy(addr, root, 'creator', 'path "auth/token/create" { capabilities = ["update"] }');
    expect((await post('sys/auth/userpass', root, { type: 'userpass' })).status).toBe(204);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('mount.go: singleton types (system, token, cubbyhole, identity) are "not mountable"', async () => {
    const team = (await createToken(addr, root, { policies: ['team'] })).client_token;
    // singletonMounts: `mount type of %q is not mountable`, CodedError 403. Without it a token
    // allowed only sys/mounts/team/* mounts a second sys/ and writes itself a sudo policy.
    for (const type of ['system', 'token', 'cubbyhole', 'identity']) {
      const res = await post(`sys/mounts/team/${type}`, team, { type });
      expect(res.status, type).toBe(403);
      expect(errorsOf(res)).toEqual([`mount type of "${type}" is not mountable`]);
    }
    // The same token may still mount a secrets engine where its policy allows.
    expect((await post('sys/mounts/team/kv', team, { type: 'kv' })).status).toBe(204);
    const table = dataOf(await api(addr, 'sys/mounts', { token: root }));
    expect(Object.keys(table).filter((p) => p.startsWith('team/'))).toEqual(['team/kv/']);
  });

  test('auth methods and secrets engines live in separate catalogs; the token store is a singleton', async () => {
    const team = (await createToken(addr, root, { policies: ['team'] })).client_token;
    // newLogicalBackend looks only in the secrets catalog: ErrPluginNotFound.
    const userpassAsSecret = await post('sys/mounts/team/up', team, { type: 'userpass' });
    expect(userpassAsSecret.status).toBe(400);
    expect(errorsOf(userpassAsSecret)).toEqual(['plugin not found in the catalog: userpass']);
    const kvAsAuth = await post('sys/auth/kvauth', root, { type: 'kv' });
    expect(kvAsAuth.status).toBe(400);
    expect(errorsOf(kvAsAuth)).toEqual(['plugin not found in the catalog: kv']);
    // auth.go enableCredential: "token credential backend cannot be instantiated".
    const secondTokenStore = await post('sys/auth/token2', root, { type: 'token' });
    expect(secondTokenStore.status).toBe(400);
    expect(errorsOf(secondTokenStore)).toEqual(['token credential backend cannot be instantiated']);
    const auths = dataOf(await api(addr, 'sys/auth', { token: root }));
    expect(Object.keys(auths).sort()).toEqual(['token/', 'userpass/']);
  });

  test('mount.go unmount: protected paths cannot be unmounted; auth.go: nor the token store', async () => {
    const sys = await api(addr, 'sys/mounts/sys', { token: root, method: 'DELETE' });
    expect(sys.status).toBe(400);
    expect(errorsOf(sys)).toEqual(['cannot unmount "sys/"']);
    const cubby = await api(addr, 'sys/mounts/cubbyhole', { token: root, method: 'DELETE' });
    expect(cubby.status).toBe(400);
    expect(errorsOf(cubby)).toEqual(['cannot unmount "cubbyhole/"']);
    const token = await api(addr, 'sys/auth/token', { token: root, method: 'DELETE' });
    expect(token.status).toBe(400);
    expect(errorsOf(token)).toEqual(['token credential backend cannot be disabled']);
    const table = dataOf(await api(addr, 'sys/mounts', { token: root }));
    expect(Object.keys(table)).toEqual(expect.arrayContaining(['sys/', 'cubbyhole/']));
  });

  test('request_handling.go: "auth methods cannot create root tokens", nor assign response-wrapping', async () => {
    expect((await post('auth/userpass/users/eve', root, { password: 'pw', policies: 'root' })).status).toBe(
      204,
    );
    const eve = await post('auth/userpass/login/eve', '', { password: 'pw' });
    expect(eve.status).toBe(400);
    expect(errorsOf(eve)).toEqual(['auth methods cannot create root tokens']);
    expect(eve.json?.auth ?? null).toBeNull();
    await post('auth/userpass/users/wrap', root, { password: 'pw', policies: 'response-wrapping' });
    const wrap = await post('auth/userpass/login/wrap', '', { password: 'pw' });
    expect(wrap.status).toBe(400);
    expect(errorsOf(wrap)).toEqual(['cannot assign policy "response-wrapping"']);
  });

  test('token_store.go: a root token needs a root parent, even through a role allowing root', async () => {
    const maker = (await createToken(addr, root, { policies: ['rolemaker'] })).client_token;
    expect((await post('auth/token/roles/r1', maker, { allowed_policies: 'root' })).status).toBe(204);
    // "root tokens may not be created without parent token being root"
    const escalated = await post('auth/token/create/r1', maker);
    expect(escalated.status).toBe(400);
    expect(errorsOf(escalated)).toEqual(['root tokens may not be created without parent token being root']);
    // "batch tokens cannot be root tokens"
    const batchRoot = await post('auth/token/create', root, { type: 'batch', policies: 'root' });
    expect(batchRoot.status).toBe(400);
    expect(errorsOf(batchRoot)).toEqual(['batch tokens cannot be root tokens']);
  });

  test("token_store.go: a role's disallowed_policies are refused", async () => {
    expect((await post('auth/token/roles/r2', root, { disallowed_policies: 'web' })).status).toBe(204);
    // resolveTokenPolicies: "token policy %q is disallowed by this role"
    const res = await post('auth/token/create/r2', root, { policies: 'web' });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(['token policy "web" is disallowed by this role']);
    expect(authOf(await post('auth/token/create/r2', root, { policies: 'creator' })).policies).toEqual([
      'creator',
      'default',
    ]);
  });

  test("token_store.go: a request cannot lift its role's explicit max TTL or renewable=false", async () => {
    await post('auth/token/roles/r3', root, { token_explicit_max_ttl: '1h', renewable: false });
    const res = await post('auth/token/create/r3', root, {
      policies: 'web',
      explicit_max_ttl: '10h',
      renewable: true,
    });
    expect(res.status).toBe(200);
    // parseAndMergeTTLPeriod: the lesser of request and role, with this warning.
    expect(res.json?.warnings).toContain(
      'Explicit max TTL specified both during creation call and in role; using the lesser value of 3600 seconds',
    );
    const auth = authOf(res);
    expect(auth.renewable).toBe(false);
    const looked = dataOf(await lookupSelf(auth.client_token));
    expect(looked.explicit_max_ttl).toBe(3600);
    expect(Number(looked.ttl)).toBeLessThanOrEqual(3600);
  });

  test('token_store.go: periodic tokens need sudo; expiring roots cannot mint non-expiring roots', async () => {
    const creator = (await createToken(addr, root, { policies: ['creator'] })).client_token;
    const periodic = await post('auth/token/create', creator, { period: '1h' });
    expect(periodic.status).toBe(400);
    expect(errorsOf(periodic)).toEqual(['root or sudo privileges required to create periodic token']);
    const shortRoot = (await createToken(addr, root, { policies: 'root', ttl: '60s' })).client_token;
    const forever = await post('auth/token/create-orphan', shortRoot, { policies: 'root' });
    expect(forever.status).toBe(400);
    expect(errorsOf(forever)).toEqual(['expiring root tokens cannot create non-expiring root tokens']);
  });

  test('policy_store.go NonAssignablePolicies: response-wrapping cannot be given to a token', async () => {
    const res = await post('auth/token/create', root, { policies: 'response-wrapping' });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(['cannot assign policy "response-wrapping"']);
    // So no token but a real wrapping token can pass IsWrappingToken: unwrap of a made-up
    // cubbyhole/response under a root-made token is refused.
    const mine = (await createToken(addr, root, { policies: 'web' })).client_token;
    expect((await post('cubbyhole/response', mine, { response: '{"data":{"x":"y"}}' })).status).toBe(204);
    const unwrap = await post('sys/wrapping/unwrap', mine);
    expect(unwrap.status).toBe(400);
  });

  test('token_store.go lookupBatchToken: a batch token dies with its parent', async () => {
    const parent = (await createToken(addr, root, { policies: ['creator', 'web'] })).client_token;
    const batch = (await createToken(addr, parent, { type: 'batch', policies: 'web' })).client_token;
    expect((await lookupSelf(batch)).status).toBe(200);
    expect((await post('auth/token/revoke', root, { token: parent })).status).toBe(204);
    expect((await lookupSelf(batch)).status).toBe(403);
  });

  test('lease.go CalculateTTL: a TTL beyond the 768h system max is capped, with the warning', async () => {
    const creator = (await createToken(addr, root, { policies: ['creator'] })).client_token;
    const res = await post('auth/token/create', creator, { ttl: '100000h' });
    expect(res.status).toBe(200);
    expect(authOf(res).lease_duration).toBe(768 * 3600);
    expect(res.json?.warnings).toContain(
      'TTL of "100000h" exceeded the effective max_ttl of "768h"; TTL value is capped accordingly',
    );
    const capped = await lookupSelf(authOf(res).client_token);
    expect(capped.status).toBe(200);
    expect(Number(dataOf(capped).ttl)).toBeLessThanOrEqual(768 * 3600);
  });

  test('absurd ttl and num_uses are a 400, and nothing is created', async () => {
    const before = dataOf(await api(addr, 'auth/token/accessors?list=true', { token: root })).keys;
    const huge = await post('auth/token/create', root, { ttl: '99999999999999h' });
    expect(huge.status).toBe(400);
    expect(String(errorsOf(huge))).toContain('time: invalid duration "99999999999999h"');
    const uses = await api(addr, 'auth/token/create', {
      token: root,
      method: 'POST',
      rawBody: '{"num_uses": 1e300}',
      headers: { 'content-type': 'application/json' },
    });
    expect(uses.status).toBe(400);
    expect(String(errorsOf(uses))).toContain('for field "num_uses"');
    const bigint = await api(addr, 'auth/token/create', {
      token: root,
      method: 'POST',
      rawBody: '{"num_uses": 123456789012345678901234567890}',
      headers: { 'content-type': 'application/json' },
    });
    expect(bigint.status).toBe(400);
    expect(String(errorsOf(bigint))).toContain(
      'error converting input 123456789012345678901234567890 for field "num_uses"',
    );
    const after = dataOf(await api(addr, 'auth/token/accessors?list=true', { token: root })).keys;
    expect(after).toEqual(before);
  });

  test('JSON nested past max_json_depth (500) in KV v2 or cubbyhole bodies is a 400; nothing is stored', async () => {
    const nest = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const send = (path: string, raw: string) =>
      api(addr, path, {
        token: root,
        method: 'POST',
        rawBody: raw,
        headers: { 'content-type': 'application/json' },
      });
    const deepKv = await send('secret/data/deep', `{"data":${nest(5000)}}`);
    expect(deepKv.status).toBe(400);
    expect(errorsOf(deepKv)).toEqual(['error parsing JSON: nesting depth exceeds the limit of 500']);
    expect((await api(addr, 'secret/data/deep', { token: root })).status).toBe(404);
    const deepCubby = await send('cubbyhole/deep', `{"v":${nest(5000)}}`);
    expect(deepCubby.status).toBe(400);
    expect((await api(addr, 'cubbyhole/deep', { token: root })).status).toBe(404);
    // Within the limit a nested document is stored and read back whole.
    expect((await send('cubbyhole/fine', `{"v":${nest(400)}}`)).status).toBe(204);
    expect((await api(addr, 'cubbyhole/fine', { token: root })).status).toBe(200);
  });

  test('integers beyond 2^53 in typed fields are a 400 naming the field, or kept as text', async () => {
    const big = '123456789012345678901234567890';
    const send = (path: string, raw: string) =>
      api(addr, path, {
        token: root,
        method: 'POST',
        rawBody: raw,
        headers: { 'content-type': 'application/json' },
      });
    const versions = await send('secret/metadata/big', `{"max_versions": ${big}}`);
    expect(versions.status).toBe(400);
    expect(String(errorsOf(versions))).toContain(`error converting input ${big} for field "max_versions"`);
    const ttl = await send('auth/token/create', `{"ttl": ${big}}`);
    expect(ttl.status).toBe(400);
    const named = await send('auth/token/create', `{"display_name": ${big}, "policies": ${big}}`);
    expect(named.status).toBe(200);
    expect(authOf(named).policies).toEqual([big, 'default']);
  });
});
