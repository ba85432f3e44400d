import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { authOf, createToken, errorsOf, writePolicy } from '../helpers/tokens.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Login and listing invariants (issue 9 item 3) against a real dev server: userpass's token
 * parameters (sdk/helper/tokenutil), user lockout (request_handling.go isUserLocked), the
 * preflight endpoint sys/internal/ui/mounts and cubbyhole's service-token rule.
 */
describe('login and listing invariants over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-login-tests';
  const post = (path: string, token: string, body: Record<string, unknown> = {}) =>
    api(addr, path, { token, body, method: 'POST' });
  const login = (user: string, password: string) => post(`auth/userpass/login/${user}`, '', { password });
  const addUser = async (user: string, body: Record<string, unknown>) =>
    expect((await post(`auth/userpass/users/${user}`, root, { password: 'right', ...body })).status).toBe(
      204,
    );

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    expect((await post('sys/auth/userpass', root, { type: 'userpass' })).status).toBe(204);
    expect((await post('sys/mounts/other', root, { type: 'kv' })).status).toBe(204);
    await writePolicy(addr, root, 'web', 'path "secret/data/web/*" { capabilities = ["read"] }');
  });
  afterAll(async () => {
    await server?.stop();
    if (auditDir) await rm(auditDir, { recursive: true, force: true });
  });
  let auditDir = '';

  test('path_login.go: a login from outside token_bound_cidrs is "permission denied"', async () => {
    await addUser('far', { token_bound_cidrs: '10.0.0.0/8', token_policies: 'web' });
    const far = await login('far', 'right');
    expect(far.status).toBe(403);
    expect(errorsOf(far)).toEqual(['permission denied']);
    await addUser('near', { token_bound_cidrs: '127.0.0.0/8', token_policies: 'web' });
    const near = authOf(await login('near', 'right'));
    expect((await api(addr, 'auth/token/lookup-self', { token: near.client_token })).status).toBe(200);
    const bad = await post('auth/userpass/users/odd', root, { password: 'x', token_bound_cidrs: 'nonsense' });
    expect(bad.status).toBe(400);
  });

  test("CheckToken: a token bound to CIDRs is refused when used from elsewhere (role's token_bound_cidrs)", async () => {
    await post('auth/token/roles/fenced', root, { token_bound_cidrs: '10.0.0.0/8', allowed_policies: 'web' });
    const fenced = authOf(await post('auth/token/create/fenced', root, {})).client_token;
    const use = await api(addr, 'auth/token/lookup-self', { token: fenced });
    expect(use.status).toBe(403);
    await post('auth/token/roles/local', root, {
      token_bound_cidrs: '127.0.0.1/32',
      allowed_policies: 'web',
    });
    const local = authOf(await post('auth/token/create/local', root, {})).client_token;
    expect((await api(addr, 'auth/token/lookup-self', { token: local })).status).toBe(200);
  });

  test('tokenutil: token_explicit_max_ttl and token_no_default_policy shape the login token', async () => {
    await addUser('capped', {
      token_explicit_max_ttl: '1h',
      token_policies: 'web',
      token_no_default_policy: true,
    });
    const auth = authOf(await login('capped', 'right'));
    expect(auth.lease_duration).toBe(3600);
    expect(auth.policies).toEqual(['web']);
    const looked = dataOf(await post('auth/token/lookup', root, { token: auth.client_token }));
    expect(looked.explicit_max_ttl).toBe(3600);
    expect(looked.policies).toEqual(['web']);
  });

  test('user lockout: after 5 wrong passwords even the right one is refused; other users are not', async () => {
    await addUser('locky', {});
    await addUser('bystander', {});
    for (let i = 0; i < 5; i++) {
      const wrong = await login('locky', 'wrong');
      expect(wrong.status).toBe(400);
      expect(errorsOf(wrong)).toEqual(['invalid username or password']);
    }
    // isUserLocked → logical.ErrPermissionDenied, before the credentials are checked.
    const locked = await login('locky', 'right');
    expect(locked.status).toBe(403);
    expect(errorsOf(locked)).toEqual(['permission denied']);
    expect((await login('bystander', 'right')).status).toBe(200);
    // A success resets the counter: four failures and a success never lock.
    for (let i = 0; i < 4; i++) await login('bystander', 'wrong');
    expect((await login('bystander', 'right')).status).toBe(200);
    for (let i = 0; i < 4; i++) await login('bystander', 'wrong');
    expect((await login('bystander', 'right')).status).toBe(200);
  });

  test('pathInternalUIMountRead: 403 without a token, for unknown paths, and for mounts the token cannot reach', async () => {
    const anonymous = await api(addr, 'sys/internal/ui/mounts/secret');
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).not.toContain('uuid');
    const unknown = await api(addr, 'sys/internal/ui/mounts/nowhere/x', { token: root });
    expect(unknown.status).toBe(403);
    expect(errorsOf(unknown)).toEqual([
      'preflight capability check returned 403, please ensure client\'s policies grant access to path "nowhere/x/"',
    ]);
    const web = (await createToken(addr, root, { policies: ['web'] })).client_token;
    const reachable = await api(addr, 'sys/internal/ui/mounts/secret/data/web/x', { token: web });
    expect(reachable.status).toBe(200);
    expect(dataOf(reachable)).toMatchObject({ path: 'secret/', type: 'kv' });
    const unreachable = await api(addr, 'sys/internal/ui/mounts/other', { token: web });
    expect(unreachable.status).toBe(403);
    expect(unreachable.text).not.toContain('uuid');
  });

  test("router.go: cubbyhole operations are only supported by 'service' type tokens", async () => {
    const batch = (await createToken(addr, root, { type: 'batch', policies: 'web' })).client_token;
    const write = await post('cubbyhole/note', batch, { v: '1' });
    expect(write.status).toBe(400);
    expect(errorsOf(write)).toEqual(["cubbyhole operations are only supported by 'service' type tokens"]);
    const service = (await createToken(addr, root, { policies: 'web' })).client_token;
    expect((await post('cubbyhole/note', service, { v: '1' })).status).toBe(204);
  });

  test('handleCancelableRequest: requests refused for a bad token or a missing permission are audited with the error', async () => {
    auditDir = await mkdtemp(join(tmpdir(), 'hvr-audit-'));
    const logPath = join(auditDir, 'audit.log');
    const body = { type: 'file', options: { file_path: logPath, hmac_accessor: 'false' } };
    expect((await post('sys/audit/file', root, body)).status).toBe(204);
    const web = await createToken(addr, root, { policies: ['web'] });
    expect((await api(addr, 'other/denied-here', { token: web.client_token })).status).toBe(403);
    expect((await api(addr, 'other/bad-token-here', { token: 'hvs.not-a-real-token' })).status).toBe(403);
    type Line = { type: string; error?: string; request?: { path?: string }; auth?: { accessor?: string } };
    const lines = await waitFor('both refusals in the audit log', async () => {
      const text = await readFile(logPath, 'utf8').catch(() => '');
      const parsed = text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Line);
      const paths = parsed.map((l) => l.request?.path);
      return paths.includes('other/denied-here') && paths.includes('other/bad-token-here')
        ? parsed
        : undefined;
    });
    const denied = lines.find((l) => l.request?.path === 'other/denied-here');
    expect(denied).toMatchObject({
      type: 'request',
      error: 'permission denied',
      auth: { accessor: web.accessor },
    });
    const bad = lines.find((l) => l.request?.path === 'other/bad-token-here');
    expect(bad?.type).toBe('request');
    expect(bad?.error).toContain('invalid token');
  });
});
