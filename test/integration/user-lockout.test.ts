import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { initAndUnseal, type PersistentNode, persistentNode } from '../helpers/persistent-node.js';
import { runCli } from '../helpers/run-cli.js';
import { errorsOf } from '../helpers/tokens.js';

/**
 * Vault's user lockout as configured (website/content/docs/configuration/user-lockout.mdx,
 * api-docs/system/user-lockout.mdx): the server config's `user_lockout "<type>"` stanzas,
 * a mount's tuned user_lockout_config, sys/locked-users and its unlock endpoint, and a
 * lock that survives a restart (Vault stores locked users under core/login/lockedUsers/).
 */
describe('user lockout configured, listed, unlocked and kept across a restart', () => {
  let dir: string;
  let node: PersistentNode;
  let key: string;
  let root: string;
  let accessor: string;
  const addr = () => node.server.address;
  const post = (path: string, body: Record<string, unknown>, token = root) =>
    api(addr(), path, { token, body, method: 'POST' });
  const login = (user: string, password: string) => post(`auth/userpass/login/${user}`, { password }, '');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-lockout-'));
    // "all" sets the duration; the userpass stanza lowers the threshold to 2 and keeps "all"'s duration.
    node = await persistentNode(
      dir,
      'user_lockout "all" {\n  lockout_duration = "1h"\n}\nuser_lockout "userpass" {\n  lockout_threshold = "2"\n}\n',
    );
    ({ key, rootToken: root } = await initAndUnseal(addr()));
    await post('sys/auth/userpass', { type: 'userpass' });
    for (const user of ['alice', 'bob', 'carol'])
      await post(`auth/userpass/users/${user}`, { password: 'right' });
    accessor = String(
      (dataOf(await api(addr(), 'sys/auth', { token: root }))['userpass/'] as { accessor: string }).accessor,
    );
  });
  afterAll(async () => {
    await node?.server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('the config file threshold (2) applies; sys/locked-users lists the user; the lock survives a restart', async () => {
    expect((await login('alice', 'wrong')).status).toBe(400);
    expect((await login('alice', 'right')).status).toBe(200); // one failure, then success: counter reset
    expect((await login('alice', 'wrong')).status).toBe(400);
    expect((await login('alice', 'wrong')).status).toBe(400);
    const locked = await login('alice', 'right');
    expect(locked.status).toBe(403);
    expect(errorsOf(locked)).toEqual(['permission denied']);

    const listed = await api(addr(), 'sys/locked-users', { token: root });
    expect(listed.status).toBe(200);
    expect(dataOf(listed)).toEqual({
      by_namespace: [
        {
          namespace_id: 'root',
          namespace_path: '',
          counts: 1,
          mount_accessors: [{ mount_accessor: accessor, counts: 1, alias_identifiers: ['alice'] }],
        },
      ],
      total: 1,
    });

    await node.server.stop();
    await node.start();
    await api(addr(), 'sys/unseal', { body: { key } });
    expect((await login('alice', 'right')).status).toBe(403);
    expect(dataOf(await api(addr(), 'sys/locked-users', { token: root })).total).toBe(1);

    const unlock = await post(`sys/locked-users/${accessor}/unlock/alice`, {});
    expect(unlock.status).toBe(204);
    expect((await login('alice', 'right')).status).toBe(200);
    expect(dataOf(await api(addr(), 'sys/locked-users', { token: root })).total).toBe(0);
  });

  test('auth tune user_lockout_config overrides the config file; lockout_disable turns it off for the mount', async () => {
    // command/auth_tune.go: the -user-lockout-* flags become the tune's user_lockout_config.
    const cli = (...args: string[]) =>
      runCli(['auth', 'tune', ...args, 'userpass'], {
        env: { VAULT_ADDR: addr(), VAULT_TOKEN: root, HOME: dir, HVR_HOME: dir },
      });
    const badThreshold = await cli('-user-lockout-threshold=-1');
    expect(badThreshold.code).toBe(1);
    expect(badThreshold.stderr).toContain('invalid value "-1" for flag -user-lockout-threshold: parse error');
    const tuned = await cli('-user-lockout-threshold=1');
    expect(tuned.stdout).toBe('Success! Tuned the auth method at: userpass/\n');
    expect(tuned.code).toBe(0);
    const read = dataOf(await api(addr(), 'sys/auth/userpass/tune', { token: root }));
    expect(read.user_lockout_threshold).toBe(1);
    expect((await login('bob', 'wrong')).status).toBe(400);
    expect((await login('bob', 'right')).status).toBe(403);

    expect((await cli('-user-lockout-disable')).code).toBe(0);
    for (let i = 0; i < 4; i++) expect((await login('carol', 'wrong')).status).toBe(400);
    expect((await login('carol', 'right')).status).toBe(200);
    const listing = dataOf(await api(addr(), 'sys/auth', { token: root }))['userpass/'] as {
      config: Record<string, unknown>;
    };
    expect(listing.config.user_lockout_config).toEqual({
      user_lockout_counter_reset_duration: 0,
      user_lockout_threshold: 1,
      user_lockout_duration: 0,
      user_lockout_disable: true,
    });

    const maybe = await post('sys/auth/userpass/tune', { user_lockout_config: { lockout_disable: 'maybe' } });
    expect(errorsOf(maybe)).toEqual(['unable to convert given user lockout config information']);
    const onToken = await post('sys/auth/token/tune', { user_lockout_config: { lockout_threshold: '3' } });
    expect(onToken.status).toBe(400);
    expect(errorsOf(onToken)).toEqual([
      'tuning of user lockout configuration for auth type "token" not allowed',
    ]);
  });

  test('approle: wrong secret ids lock the role_id after the default threshold (5, no approle stanza)', async () => {
    await post('sys/auth/approle', { type: 'approle' });
    await post('auth/approle/role/ci', {});
    const roleId = String(dataOf(await api(addr(), 'auth/approle/role/ci/role-id', { token: root })).role_id);
    const secretId = String(dataOf(await post('auth/approle/role/ci/secret-id', {})).secret_id);
    const approle = (secret: string) =>
      post('auth/approle/login', { role_id: roleId, secret_id: secret }, '');
    for (let i = 0; i < 4; i++) expect((await approle('wrong')).status).toBe(400);
    expect((await approle(secretId)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await approle('wrong')).status).toBe(400);
    expect((await approle(secretId)).status).toBe(403);
    const locked = dataOf(await api(addr(), 'sys/locked-users', { token: root })).by_namespace as Array<{
      mount_accessors: Array<{ alias_identifiers: string[] }>;
    }>;
    expect(locked[0]?.mount_accessors.flatMap((m) => m.alias_identifiers)).toContain(roleId);
  });

  test("configutil ParseUserLockouts: an unsupported auth type stops the server with Vault's message", async () => {
    const bad = join(dir, 'bad.hcl');
    await writeFile(
      bad,
      `storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\nuser_lockout "github" {\n  lockout_threshold = 3\n}\n`,
    );
    const result = await runCli(['server', `-config=${bad}`], { env: { HVR_HOME: dir, HOME: dir } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('user_lockouts.0: unsupported auth type "github"');
  });
});
