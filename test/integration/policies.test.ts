import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { createToken, errorsOf, writePolicy } from '../helpers/tokens.js';

/**
 * ACL policies over real HTTP: sys/policies/acl, the legacy sys/policy, sys/capabilities*,
 * and enforcement on real requests (website/content/api-docs/system/policies.mdx,
 * docs/concepts/policies.mdx, vault/policy_store.go, vault/logical_system.go).
 */
describe('ACL policies over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-policy-tests';

  const APP_POLICY = `
# app team
path "secret/data/app/*" {
  capabilities = ["read", "list"]
}
path "secret/data/app/private" {
  capabilities = ["deny"]
}
path "secret/data/+/shared" {
  capabilities = ["read", "update"]
}
`;

  const put = (path: string, token: string, data: Record<string, unknown>) =>
    api(addr, path, { token, body: { data } });
  const get = (path: string, token: string) => api(addr, path, { token });

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    for (const path of [
      'app/one',
      'app/deep/two',
      'app/private',
      'team/shared',
      'a/b/shared',
      'other',
      'json/x',
      'mixed',
    ]) {
      expect((await put(`secret/data/${path}`, root, { v: path })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('an HCL policy is stored as written (name lower-cased) and read back', async () => {
    const write = await api(addr, 'sys/policies/acl/App-Team', { token: root, body: { policy: APP_POLICY } });
    expect(write.status).toBe(204);
    const read = await api(addr, 'sys/policies/acl/app-team', { token: root });
    expect(read.status).toBe(200);
    expect(dataOf(read)).toEqual({ name: 'app-team', policy: APP_POLICY });
    expect((await api(addr, 'sys/policies/acl/nope', { token: root })).status).toBe(404);
  });

  test('a JSON policy body works like HCL', async () => {
    const json = JSON.stringify({ path: { 'secret/data/json/*': { capabilities: ['read'] } } });
    expect(
      (await api(addr, 'sys/policies/acl/json-reader', { token: root, body: { policy: json } })).status,
    ).toBe(204);
    const token = await createToken(addr, root, { policies: ['json-reader'] });
    expect((await get('secret/data/json/x', token.client_token)).status).toBe(200);
    expect((await get('secret/data/other', token.client_token)).status).toBe(403);
    expect(dataOf(await api(addr, 'sys/policies/acl/json-reader', { token: root })).policy).toBe(json);
  });

  test('invalid policies are refused with 400 and a message, and nothing is stored', async () => {
    const syntax = await api(addr, 'sys/policies/acl/broken', {
      token: root,
      body: { policy: 'path "a" { capabilities = ["read" }' },
    });
    expect(syntax.status).toBe(400);
    expect(String(errorsOf(syntax))).toMatch(/^failed to parse policy: /);
    const capability = await api(addr, 'sys/policies/acl/broken', {
      token: root,
      body: { policy: 'path "a" { capabilities = ["fly"] }' },
    });
    expect(capability.status).toBe(400);
    expect(errorsOf(capability)).toEqual(['failed to parse policy: path "a": invalid capability "fly"']);
    const wildcards = await api(addr, 'sys/policies/acl/broken', {
      token: root,
      body: { policy: 'path "a/+*" { capabilities = ["read"] }' },
    });
    expect(wildcards.status).toBe(400);
    expect(String(errorsOf(wildcards))).toContain("invalid use of wildcards ('+*' is forbidden)");
    const empty = await api(addr, 'sys/policies/acl/broken', { token: root, body: { policy: '' } });
    expect(empty.status).toBe(400);
    expect((await api(addr, 'sys/policies/acl/broken', { token: root })).status).toBe(404);
    expect(dataOf(await api(addr, 'sys/policies/acl?list=true', { token: root })).keys).not.toContain(
      'broken',
    );
  });

  test('root and response-wrapping cannot be updated; default and root cannot be deleted', async () => {
    const text = 'path "secret/*" { capabilities = ["read"] }';
    const updateRoot = await api(addr, 'sys/policies/acl/root', { token: root, body: { policy: text } });
    expect(updateRoot.status).toBe(400);
    expect(errorsOf(updateRoot)).toEqual(['cannot update "root" policy']);
    const updateWrapping = await api(addr, 'sys/policies/acl/response-wrapping', {
      token: root,
      body: { policy: text },
    });
    expect(updateWrapping.status).toBe(400);
    expect(errorsOf(updateWrapping)).toEqual(['cannot update "response-wrapping" policy']);
    // policy_store.go DeletePolicy: immutable names first, then `cannot delete default policy`.
    const deleteDefault = await api(addr, 'sys/policies/acl/default', { token: root, method: 'DELETE' });
    expect(deleteDefault.status).toBe(400);
    expect(errorsOf(deleteDefault)).toEqual(['cannot delete default policy']);
    const deleteRoot = await api(addr, 'sys/policies/acl/root', { token: root, method: 'DELETE' });
    expect(deleteRoot.status).toBe(400);
    expect(errorsOf(deleteRoot)).toEqual(['cannot delete "root" policy']);
    expect((await api(addr, 'sys/policies/acl/default', { token: root })).status).toBe(200);
  });

  test('LIST sys/policies/acl: stored names sorted, then root; internal policies hidden', async () => {
    await writePolicy(addr, root, 'zeta', 'path "z" { capabilities = ["read"] }');
    const list = await api(addr, 'sys/policies/acl?list=true', { token: root });
    expect(list.status).toBe(200);
    const keys = dataOf(list).keys as string[];
    // handlePoliciesList appends "root" after the sorted storage listing.
    expect(keys.at(-1)).toBe('root');
    expect(keys.slice(0, -1)).toEqual([...keys.slice(0, -1)].sort());
    expect(keys).toEqual(expect.arrayContaining(['default', 'zeta', 'app-team']));
    expect(keys).not.toContain('response-wrapping');
    expect((await api(addr, 'sys/policies/acl/zeta', { token: root, method: 'DELETE' })).status).toBe(204);
    expect(dataOf(await api(addr, 'sys/policies/acl?list=true', { token: root })).keys).not.toContain('zeta');
  });

  test('the legacy sys/policy endpoints: keys+policies, rules, write and delete', async () => {
    const list = await api(addr, 'sys/policy', { token: root });
    expect(list.status).toBe(200);
    expect(dataOf(list).policies).toEqual(dataOf(list).keys);
    expect(list.json?.policies).toEqual(dataOf(list).keys);
    const rules = 'path "secret/data/legacy" { capabilities = ["read"] }';
    expect((await api(addr, 'sys/policy/legacy', { token: root, body: { rules } })).status).toBe(204);
    const read = await api(addr, 'sys/policy/legacy', { token: root });
    expect(dataOf(read)).toEqual({ name: 'legacy', rules });
    expect(read.json?.rules).toBe(rules);
    expect(dataOf(await api(addr, 'sys/policies/acl/legacy', { token: root })).policy).toBe(rules);
    expect((await api(addr, 'sys/policy/legacy', { token: root, method: 'DELETE' })).status).toBe(204);
    expect((await api(addr, 'sys/policy/legacy', { token: root })).status).toBe(404);
  });

  test('enforcement: `*` prefixes, `+` one segment, deny on the exact path', async () => {
    await writePolicy(addr, root, 'app-team', APP_POLICY);
    const token = (await createToken(addr, root, { policies: ['app-team'] })).client_token;
    expect((await get('secret/data/app/one', token)).status).toBe(200);
    expect((await get('secret/data/app/deep/two', token)).status).toBe(200);
    expect((await get('secret/data/app/private', token)).status).toBe(403);
    expect((await put('secret/data/app/one', token, { v: 'x' })).status).toBe(403);
    expect((await get('secret/data/team/shared', token)).status).toBe(200);
    expect((await put('secret/data/team/shared', token, { v: 'changed' })).status).toBe(200);
    // `+` is exactly one segment: a/b/shared is two.
    expect((await get('secret/data/a/b/shared', token)).status).toBe(403);
    expect((await get('secret/data/other', token)).status).toBe(403);
    expect(dataOf(await get('secret/data/app/one', root)).data).toEqual({ v: 'app/one' });
  });

  test('deny wins when two attached policies name the same path', async () => {
    await writePolicy(
      addr,
      root,
      'mixed-read',
      'path "secret/data/mixed" { capabilities = ["read", "update"] }',
    );
    await writePolicy(addr, root, 'mixed-deny', 'path "secret/data/mixed" { capabilities = ["deny"] }');
    const reader = (await createToken(addr, root, { policies: ['mixed-read'] })).client_token;
    const both = (await createToken(addr, root, { policies: ['mixed-read', 'mixed-deny'] })).client_token;
    expect((await get('secret/data/mixed', reader)).status).toBe(200);
    expect((await get('secret/data/mixed', both)).status).toBe(403);
    const caps = await api(addr, 'sys/capabilities-self', {
      token: both,
      body: { path: 'secret/data/mixed' },
    });
    expect(dataOf(caps).capabilities).toEqual(['deny']);
  });

  test('sys/capabilities, capabilities-self and capabilities-accessor agree', async () => {
    const token = await createToken(addr, root, { policies: ['app-team'] });
    const paths = [
      'secret/data/app/one',
      'secret/data/app/private',
      'secret/data/team/shared',
      'secret/data/other',
    ];
    const expected = {
      'secret/data/app/one': ['list', 'read'],
      'secret/data/app/private': ['deny'],
      'secret/data/team/shared': ['read', 'update'],
      'secret/data/other': ['deny'],
    };
    const byToken = await api(addr, 'sys/capabilities', {
      token: root,
      body: { token: token.client_token, paths },
    });
    expect(byToken.status).toBe(200);
    // handleCapabilities: one key per path; `capabilities` only when exactly one path was asked.
    expect(dataOf(byToken)).toEqual(expected);
    const self = await api(addr, 'sys/capabilities-self', { token: token.client_token, body: { paths } });
    expect(dataOf(self)).toEqual(expected);
    const byAccessor = await api(addr, 'sys/capabilities-accessor', {
      token: root,
      body: { accessor: token.accessor, paths },
    });
    expect(dataOf(byAccessor)).toEqual(expected);

    const single = await api(addr, 'sys/capabilities-self', {
      token: token.client_token,
      body: { path: 'secret/data/app/one' },
    });
    expect(dataOf(single)).toEqual({
      'secret/data/app/one': ['list', 'read'],
      capabilities: ['list', 'read'],
    });
    expect(single.json?.capabilities).toEqual(['list', 'read']);
    expect(
      dataOf(await api(addr, 'sys/capabilities-self', { token: root, body: { path: 'anything' } }))
        .capabilities,
    ).toEqual(['root']);

    const badToken = await api(addr, 'sys/capabilities', {
      token: root,
      body: { token: 'hvs.AAAAAAAAAAAAAAAAAAAAAAAA', path: 'a' },
    });
    expect(badToken.status).toBe(400);
    expect(errorsOf(badToken)).toEqual(['invalid token']);
    const noPaths = await api(addr, 'sys/capabilities-self', { token: root, body: {} });
    expect(noPaths.status).toBe(400);
    expect(errorsOf(noPaths)).toEqual(['paths must be supplied']);
  });

  test('sudo-protected paths need sudo on top of the capability; sys/policies/acl does not', async () => {
    await writePolicy(addr, root, 'audit-reader', 'path "sys/audit" { capabilities = ["read"] }');
    await writePolicy(addr, root, 'audit-sudo', 'path "sys/audit" { capabilities = ["read", "sudo"] }');
    const plain = (await createToken(addr, root, { policies: ['audit-reader'] })).client_token;
    const sudo = (await createToken(addr, root, { policies: ['audit-sudo'] })).client_token;
    const denied = await get('sys/audit', plain);
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ errors: ['1 error occurred:\n\t* permission denied\n\n'] });
    // No device is enabled, so the (empty) table may come back as 200 or 204; never 403.
    expect([200, 204]).toContain((await get('sys/audit', sudo)).status);
    const capabilities = await api(addr, 'sys/capabilities-self', {
      token: sudo,
      body: { path: 'sys/audit' },
    });
    expect(dataOf(capabilities).capabilities).toEqual(['read', 'sudo']);

    await writePolicy(
      addr,
      root,
      'policy-admin',
      'path "sys/policies/acl/*" { capabilities = ["create", "read", "update", "delete"] }',
    );
    const admin = (await createToken(addr, root, { policies: ['policy-admin'] })).client_token;
    expect(
      (
        await api(addr, 'sys/policies/acl/by-admin', {
          token: admin,
          body: { policy: 'path "x" { capabilities = ["read"] }' },
        })
      ).status,
    ).toBe(204);
    expect((await get('sys/policies/acl/by-admin', admin)).status).toBe(200);
  });
});
