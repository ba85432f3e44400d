import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { authOf, createToken, errorsOf, writePolicy } from '../helpers/tokens.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * auth/token over real HTTP, as a Vault client drives it. Messages and status codes follow
 * vault/token_store.go (handleCreateCommon, revokeCommon, handleRevokeOrphan, handleLookup,
 * handleRenew) and website/content/api-docs/auth/token.mdx.
 */
describe('auth/token over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-token-tests';

  const lookupSelf = (token: string) => api(addr, 'auth/token/lookup-self', { token });
  const lookup = (token: string) => api(addr, 'auth/token/lookup', { token: root, body: { token } });

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    // `creator` may make child tokens; `web` and `db` exist so only unknown names warn.
    await writePolicy(addr, root, 'creator', 'path "auth/token/create" { capabilities = ["update"] }');
    await writePolicy(addr, root, 'web', 'path "secret/data/web/*" { capabilities = ["read"] }');
    await writePolicy(addr, root, 'db', 'path "secret/data/db/*" { capabilities = ["read"] }');
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('create with policies, ttl, explicit_max_ttl, num_uses, display_name and meta; lookup shows them', async () => {
    const before = Math.floor(Date.now() / 1000);
    const created = await api(addr, 'auth/token/create', {
      token: root,
      body: {
        policies: ['web', 'ghost'],
        ttl: '1h',
        explicit_max_ttl: '2h',
        num_uses: 5,
        display_name: 'ci runner!',
        meta: { team: 'ops' },
        renewable: true,
      },
    });
    expect(created.status).toBe(200);
    // handleCreateCommon warns once per policy the store does not know.
    expect(created.json?.warnings).toEqual(['Policy "ghost" does not exist']);
    const auth = authOf(created);
    expect(auth.client_token).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(auth.accessor).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(auth).toMatchObject({
      policies: ['default', 'ghost', 'web'],
      token_policies: ['default', 'ghost', 'web'],
      metadata: { team: 'ops' },
      lease_duration: 3600,
      renewable: true,
      token_type: 'service',
      orphan: false,
      num_uses: 5,
    });

    const looked = await lookup(auth.client_token);
    expect(looked.status).toBe(200);
    const data = dataOf(looked);
    expect(data).toMatchObject({
      id: auth.client_token,
      accessor: auth.accessor,
      creation_ttl: 3600,
      explicit_max_ttl: 7200,
      // displayNameSanitize: [^a-zA-Z0-9-] becomes '-', one trailing '-' trimmed.
      display_name: 'token-ci-runner',
      meta: { team: 'ops' },
      num_uses: 5,
      orphan: false,
      path: 'auth/token/create',
      policies: ['default', 'ghost', 'web'],
      renewable: true,
      type: 'service',
    });
    expect(data.creation_time).toBeGreaterThanOrEqual(before);
    expect(data.ttl).toBeGreaterThan(3500);
    expect(data.ttl).toBeLessThanOrEqual(3600);
    const expires = Date.parse(String(data.expire_time));
    expect(expires - Date.now()).toBeGreaterThan(3500_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(typeof data.issue_time).toBe('string');
  });

  test('no_parent and create-orphan make orphans; renewable=false sticks', async () => {
    const noParent = await createToken(addr, root, { no_parent: true, renewable: false, ttl: '10m' });
    expect(noParent).toMatchObject({ orphan: true, renewable: false, lease_duration: 600 });
    const orphan = await createToken(addr, root, { policies: ['web'] }, 'auth/token/create-orphan');
    expect(orphan.orphan).toBe(true);
    expect(dataOf(await lookup(orphan.client_token))).toMatchObject({
      path: 'auth/token/create-orphan',
      orphan: true,
    });
    const renew = await api(addr, 'auth/token/renew-self', { token: noParent.client_token, body: {} });
    expect(renew.status).toBe(400);
    expect(errorsOf(renew)).toEqual(['lease is not renewable']);
  });

  test('batch tokens: hvb., looked up but never renewed, revoked or used to create children', async () => {
    const batch = await createToken(addr, root, { type: 'batch', ttl: '10m', policies: ['creator'] });
    expect(batch.client_token).toMatch(/^hvb\.[A-Za-z0-9_-]+$/);
    expect(batch).toMatchObject({
      accessor: '',
      token_type: 'batch',
      renewable: false,
      lease_duration: 600,
      num_uses: 0,
    });

    const self = await lookupSelf(batch.client_token);
    expect(self.status).toBe(200);
    expect(dataOf(self)).toMatchObject({
      id: batch.client_token,
      accessor: '',
      type: 'batch',
      renewable: false,
      policies: ['creator', 'default'],
    });
    expect(dataOf(await lookup(batch.client_token)).type).toBe('batch');

    const child = await api(addr, 'auth/token/create', {
      token: batch.client_token,
      body: { policies: ['default'] },
    });
    expect(child.status).toBe(400);
    expect(errorsOf(child)).toEqual(['batch tokens cannot create more tokens']);
    const revoke = await api(addr, 'auth/token/revoke', { token: root, body: { token: batch.client_token } });
    expect(revoke.status).toBe(400);
    expect(errorsOf(revoke)).toEqual(['batch tokens cannot be revoked']);
    const renew = await api(addr, 'auth/token/renew-self', { token: batch.client_token, body: {} });
    expect(renew.status).toBe(400);
    expect(errorsOf(renew)).toEqual(['batch tokens cannot be renewed']);
    expect((await lookupSelf(batch.client_token)).status).toBe(200);

    const limited = await api(addr, 'auth/token/create', {
      token: root,
      body: { type: 'batch', num_uses: 3 },
    });
    expect(limited.status).toBe(400);
    expect(errorsOf(limited)).toEqual(['batch tokens cannot have "num_uses" set']);
  });

  test('lookup-accessor answers with an empty id; unknown tokens and accessors are refused', async () => {
    const token = await createToken(addr, root, { policies: ['web'], ttl: '1h' });
    const byAccessor = await api(addr, 'auth/token/lookup-accessor', {
      token: root,
      body: { accessor: token.accessor },
    });
    expect(byAccessor.status).toBe(200);
    expect(dataOf(byAccessor)).toMatchObject({
      id: '',
      accessor: token.accessor,
      policies: ['default', 'web'],
      type: 'service',
    });

    const badAccessor = await api(addr, 'auth/token/lookup-accessor', {
      token: root,
      body: { accessor: 'A'.repeat(24) },
    });
    expect(badAccessor.status).toBe(400);
    expect(errorsOf(badAccessor)).toEqual(['invalid accessor']);
    // handleLookup: ErrorResponse("bad token") with ErrPermissionDenied, so 403.
    const badToken = await lookup('hvs.AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(badToken.status).toBe(403);
    expect(errorsOf(badToken)).toEqual(['bad token']);
  });

  test('renew-self and renew move the expiry; explicit_max_ttl caps it', async () => {
    const token = await createToken(addr, root, { ttl: '60s', explicit_max_ttl: '600s' });
    expect(token.lease_duration).toBe(60);

    const self = await api(addr, 'auth/token/renew-self', {
      token: token.client_token,
      body: { increment: '300s' },
    });
    expect(self.status).toBe(200);
    const renewed = authOf(self).lease_duration;
    expect(renewed).toBeGreaterThan(290);
    expect(renewed).toBeLessThanOrEqual(300);
    expect(dataOf(await lookup(token.client_token)).ttl).toBeGreaterThan(280);

    const capped = await api(addr, 'auth/token/renew', {
      token: root,
      body: { token: token.client_token, increment: '1h' },
    });
    expect(capped.status).toBe(200);
    const cappedTTL = authOf(capped).lease_duration;
    expect(cappedTTL).toBeGreaterThan(500);
    expect(cappedTTL).toBeLessThanOrEqual(600);
    const ttlAfter = Number(dataOf(await lookup(token.client_token)).ttl);
    expect(ttlAfter).toBeLessThanOrEqual(600);

    const unknown = await api(addr, 'auth/token/renew', {
      token: root,
      body: { token: 'hvs.AAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown)).toEqual(['token not found']);
  });

  /** A parent (with `creator`) and a child it made; both service tokens with a lease. */
  const family = async () => {
    const parent = await createToken(addr, root, { policies: ['creator', 'web'], ttl: '1h' });
    const child = await createToken(addr, parent.client_token, { policies: ['web'], ttl: '1h' });
    expect(child.orphan).toBe(false);
    return { parent, child };
  };

  test('revoke-self and revoke take the children with them; revoking twice is quiet', async () => {
    const { parent, child } = await family();
    const grandchild = await createToken(addr, root, { policies: ['web'] });
    const self = await api(addr, 'auth/token/revoke-self', { token: grandchild.client_token, body: {} });
    expect(self.status).toBe(204);
    expect((await lookupSelf(grandchild.client_token)).status).toBe(403);

    expect((await lookupSelf(child.client_token)).status).toBe(200);
    const revoke = await api(addr, 'auth/token/revoke', {
      token: root,
      body: { token: parent.client_token },
    });
    expect(revoke.status).toBe(204);
    const denied = await lookupSelf(parent.client_token);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({
      errors: ['2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n'],
    });
    expect((await lookupSelf(child.client_token)).status).toBe(403);
    // revokeCommon: a token that is already gone answers nil, nil (204).
    const again = await api(addr, 'auth/token/revoke', { token: root, body: { token: parent.client_token } });
    expect(again.status).toBe(204);
  });

  test('revoke-accessor revokes the token and its children', async () => {
    const { parent, child } = await family();
    const res = await api(addr, 'auth/token/revoke-accessor', {
      token: root,
      body: { accessor: parent.accessor },
    });
    expect(res.status).toBe(204);
    expect((await lookupSelf(parent.client_token)).status).toBe(403);
    expect((await lookupSelf(child.client_token)).status).toBe(403);
    const lookedUp = await api(addr, 'auth/token/lookup-accessor', {
      token: root,
      body: { accessor: parent.accessor },
    });
    expect(lookedUp.status).toBe(400);
  });

  test('revoke-orphan (sudo) leaves the children alive, as orphans', async () => {
    const { parent, child } = await family();
    // The ACL lets this token reach the path; the handler still wants sudo.
    await writePolicy(
      addr,
      root,
      'orphaner',
      'path "auth/token/revoke-orphan" { capabilities = ["update"] }',
    );
    const noSudo = await createToken(addr, root, { policies: ['orphaner'] });
    const refused = await api(addr, 'auth/token/revoke-orphan', {
      token: noSudo.client_token,
      body: { token: parent.client_token },
    });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)).toEqual(['root or sudo privileges required to revoke and orphan']);
    const noAcl = await api(addr, 'auth/token/revoke-orphan', {
      token: child.client_token,
      body: { token: parent.client_token },
    });
    expect(noAcl.status).toBe(403);
    expect((await lookupSelf(parent.client_token)).status).toBe(200);

    const res = await api(addr, 'auth/token/revoke-orphan', {
      token: root,
      body: { token: parent.client_token },
    });
    expect(res.status).toBe(204);
    expect((await lookupSelf(parent.client_token)).status).toBe(403);
    const survivor = await lookupSelf(child.client_token);
    expect(survivor.status).toBe(200);
    expect(dataOf(survivor).orphan).toBe(true);
    const gone = await api(addr, 'auth/token/revoke-orphan', {
      token: root,
      body: { token: parent.client_token },
    });
    expect(gone.status).toBe(400);
    expect(errorsOf(gone)).toEqual(['token to revoke not found']);
  });

  test('num_uses=2: the token works twice, then it is gone', async () => {
    const token = await createToken(addr, root, { num_uses: 2, ttl: '1h' });
    const first = await lookupSelf(token.client_token);
    expect(first.status).toBe(200);
    // The use being spent is already counted when the request is handled.
    expect(dataOf(first).num_uses).toBe(1);
    expect((await lookupSelf(token.client_token)).status).toBe(200);
    const third = await lookupSelf(token.client_token);
    expect(third.status).toBe(403);
    expect(String(errorsOf(third))).toContain('permission denied');
    expect((await lookup(token.client_token)).status).toBe(403);
  });

  test('a limited-use token cannot create children (it would escape its count)', async () => {
    const limited = await createToken(addr, root, { num_uses: 5, policies: ['creator'] });
    const res = await api(addr, 'auth/token/create', {
      token: limited.client_token,
      body: { policies: ['default'] },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res)).toEqual(['restricted use token cannot generate child tokens']);
  });

  test('a token with ttl=2s stops working once it expires', async () => {
    const token = await createToken(addr, root, { ttl: '2s' });
    expect(token.lease_duration).toBe(2);
    expect((await lookupSelf(token.client_token)).status).toBe(200);
    await waitFor(
      'the 2s token to be refused',
      async () => ((await lookupSelf(token.client_token)).status === 403 ? true : undefined),
      20_000,
    );
    expect((await lookup(token.client_token)).status).toBe(403);
  });

  test('roles: write, read, list, create against a role with allowed_policies enforced, delete', async () => {
    const write = await api(addr, 'auth/token/roles/web-role', {
      token: root,
      body: { allowed_policies: 'web,db', orphan: true, token_ttl: '30m' },
    });
    expect(write.status).toBe(204);
    const read = await api(addr, 'auth/token/roles/web-role', { token: root });
    expect(dataOf(read)).toMatchObject({
      name: 'web-role',
      allowed_policies: ['db', 'web'],
      orphan: true,
      renewable: true,
      token_type: 'default-service',
    });
    expect(dataOf(await api(addr, 'auth/token/roles?list=true', { token: root })).keys).toEqual(['web-role']);

    const token = await createToken(addr, root, { policies: ['web'] }, 'auth/token/create/web-role');
    expect(token).toMatchObject({ policies: ['default', 'web'], orphan: true, lease_duration: 1800 });
    expect(dataOf(await lookup(token.client_token))).toMatchObject({
      role: 'web-role',
      path: 'auth/token/create/web-role',
    });

    // No policies asked for: the role's allowed set (plus default) is used, not the parent's.
    const defaulted = await createToken(addr, root, {}, 'auth/token/create/web-role');
    expect(defaulted.policies).toEqual(['db', 'default', 'web']);

    // A token without root may go beyond its own policies through a role, but not beyond the role.
    await writePolicy(
      addr,
      root,
      'role-user',
      'path "auth/token/create/web-role" { capabilities = ["update"] }',
    );
    const roleUser = await createToken(addr, root, { policies: ['role-user'] });
    const viaRole = await createToken(
      addr,
      roleUser.client_token,
      { policies: ['db'] },
      'auth/token/create/web-role',
    );
    expect(viaRole).toMatchObject({ policies: ['db', 'default'], orphan: true });
    const outside = await api(addr, 'auth/token/create/web-role', {
      token: root,
      body: { policies: ['admin'] },
    });
    expect(outside.status).toBe(400);
    // fmt %q of the sanitized (sorted, default-added) lists.
    expect(errorsOf(outside)).toEqual([
      'token policies (["admin" "default"]) must be subset of the role\'s allowed policies (["db" "default" "web"])',
    ]);
    const unknown = await api(addr, 'auth/token/create/nope', { token: root, body: {} });
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown)).toEqual(['unknown role nope']);

    expect((await api(addr, 'auth/token/roles/web-role', { token: root, method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await api(addr, 'auth/token/roles/web-role', { token: root })).status).toBe(404);
  });

  test('a non-root parent cannot escalate: subset policies, no orphans, no ids', async () => {
    const parent = await createToken(addr, root, { policies: ['creator', 'web'] });
    const p = parent.client_token;
    const escalate = await api(addr, 'auth/token/create', { token: p, body: { policies: ['web', 'db'] } });
    expect(escalate.status).toBe(400);
    expect(errorsOf(escalate)).toEqual(['child policies must be subset of parent']);
    const toRoot = await api(addr, 'auth/token/create', { token: p, body: { policies: ['root'] } });
    expect(toRoot.status).toBe(400);
    const orphan = await api(addr, 'auth/token/create', { token: p, body: { no_parent: true } });
    expect(orphan.status).toBe(400);
    expect(errorsOf(orphan)).toEqual(['root or sudo privileges required to create orphan token']);
    const withId = await api(addr, 'auth/token/create', { token: p, body: { id: 'my-own-id' } });
    expect(withId.status).toBe(400);
    expect(errorsOf(withId)).toEqual(['root or sudo privileges required to specify token id']);
    // Without policies the child inherits the parent's.
    const child = await createToken(addr, p, {});
    expect(child.policies).toEqual(['creator', 'default', 'web']);
    const subset = await createToken(addr, p, { policies: ['web'] });
    expect(subset.policies).toEqual(['default', 'web']);
  });

  test('a failed create stores nothing: the accessor list is unchanged', async () => {
    const accessors = async () =>
      dataOf(await api(addr, 'auth/token/accessors?list=true', { token: root })).keys;
    const before = await accessors();
    const negative = await api(addr, 'auth/token/create', { token: root, body: { num_uses: -1 } });
    expect(negative.status).toBe(400);
    expect(errorsOf(negative)).toEqual(['number of uses cannot be negative']);
    const badType = await api(addr, 'auth/token/create', { token: root, body: { type: 'weird' } });
    expect(badType.status).toBe(400);
    expect(errorsOf(badType)).toEqual(["invalid 'token_type' value"]);
    expect(await accessors()).toEqual(before);
  });
});
