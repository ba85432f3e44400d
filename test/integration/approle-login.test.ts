import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { putFrom } from '../helpers/from-address.js';
import { runCli } from '../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { authOf, errorsOf, writePolicy } from '../helpers/tokens.js';

/**
 * AppRole as a CI job uses it (Vault's builtin/credential/approle): an operator hands the job
 * a response-wrapped secret id, the job unwraps it, logs in with role_id + secret_id and reads
 * its secret. Messages follow path_login.go and path_role.go.
 */
describe('AppRole logins from CI', () => {
  let server: ServerProcess;
  let addr: string;
  let home: string;
  const root = 'root-token-for-approle-tests';
  const cli = (args: string[], token = root) =>
    runCli(args, { env: { VAULT_ADDR: addr, VAULT_TOKEN: token, HOME: home, HVR_HOME: home } });
  const roleId = async (role: string) =>
    dataOf(await api(addr, `auth/approle/role/${role}/role-id`, { token: root })).role_id as string;

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
    home = await mkdtemp(join(tmpdir(), 'hvr-approle-'));
    expect((await cli(['auth', 'enable', 'approle'])).stdout).toContain(
      'Enabled approle auth method at: approle/',
    );
    await writePolicy(addr, root, 'ci-read', 'path "secret/data/ci/*" { capabilities = ["read"] }');
    await cli(['kv', 'put', 'secret/ci/deploy', 'api_key=s3cr3t']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('wrapped secret id → unwrap → login → read; a single-use secret id is spent', async () => {
    const made = await cli([
      'write',
      'auth/approle/role/deploy',
      'token_policies=ci-read',
      'token_ttl=10m',
      'secret_id_num_uses=1',
      'secret_id_ttl=5m',
    ]);
    expect(made.stdout).toContain('Success! Data written to: auth/approle/role/deploy');
    const wrapped = await cli([
      'write',
      '-wrap-ttl=2m',
      '-field=wrapping_token',
      '-f',
      'auth/approle/role/deploy/secret-id',
    ]);
    expect(wrapped.code).toBe(0);
    const wrappingToken = wrapped.stdout.trim();
    // The CI job: only the wrapping token reaches it.
    const unwrapped = await cli(['unwrap', '-field=secret_id'], wrappingToken);
    expect(unwrapped.code).toBe(0);
    const secretId = unwrapped.stdout.trim();
    expect(secretId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await cli(['unwrap'], wrappingToken)).code).toBe(2);

    const rid = await roleId('deploy');
    const login = await cli(
      ['write', '-field=token', 'auth/approle/login', `role_id=${rid}`, `secret_id=${secretId}`],
      '',
    );
    expect(login.code).toBe(0);
    const token = login.stdout.trim();
    const read = await cli(['kv', 'get', '-field=api_key', 'secret/ci/deploy'], token);
    expect(read.stdout.trim()).toBe('s3cr3t');
    const self = dataOf(await api(addr, 'auth/token/lookup-self', { token }));
    expect(self).toMatchObject({
      policies: ['ci-read', 'default'],
      meta: { role_name: 'deploy' },
      display_name: 'approle',
      ttl: expect.any(Number),
    });
    expect(self.ttl as number).toBeLessThanOrEqual(600);

    const again = await api(addr, 'auth/approle/login', { body: { role_id: rid, secret_id: secretId } });
    expect(again.status).toBe(400);
    expect(errorsOf(again)).toEqual(['invalid role or secret ID']);
  });

  test('a CIDR-bound role refuses a login from another address', async () => {
    await api(addr, 'auth/approle/role/pinned', {
      token: root,
      body: { secret_id_bound_cidrs: '127.0.0.1/32', token_policies: 'ci-read' },
    });
    const rid = await roleId('pinned');
    const sid = dataOf(await api(addr, 'auth/approle/role/pinned/secret-id', { token: root, body: {} }))
      .secret_id as string;
    const elsewhere = await putFrom(addr, '127.0.0.2', 'auth/approle/login', {
      role_id: rid,
      secret_id: sid,
    });
    expect(elsewhere.status).toBe(400);
    expect(errorsOf(elsewhere)).toEqual([
      'source address "127.0.0.2" unauthorized by CIDR restrictions on the role: %!w(<nil>)',
    ]);
    const here = await putFrom(addr, '127.0.0.1', 'auth/approle/login', { role_id: rid, secret_id: sid });
    expect(here.status).toBe(200);
    expect(authOf(here).policies).toEqual(['ci-read', 'default']);

    // A secret id may narrow the role's blocks, never widen them.
    const wider = await api(addr, 'auth/approle/role/pinned/secret-id', {
      token: root,
      body: { cidr_list: '10.0.0.0/8' },
    });
    expect(wider.status).toBe(500);
    expect(String((errorsOf(wider) as string[])[0])).toContain('failed to verify subset relationship');
  });

  test('a secret id bound to a CIDR is refused from outside it', async () => {
    await api(addr, 'auth/approle/role/runner', { token: root, body: { token_policies: 'ci-read' } });
    const rid = await roleId('runner');
    const sid = dataOf(
      await api(addr, 'auth/approle/role/runner/secret-id', {
        token: root,
        body: { cidr_list: '127.0.0.3/32' },
      }),
    ).secret_id as string;
    const wrong = await putFrom(addr, '127.0.0.2', 'auth/approle/login', { role_id: rid, secret_id: sid });
    expect(errorsOf(wrong)).toEqual([
      'source address "127.0.0.2" unauthorized by CIDR restrictions on the secret ID: %!w(<nil>)',
    ]);
    expect(
      (await putFrom(addr, '127.0.0.3', 'auth/approle/login', { role_id: rid, secret_id: sid })).status,
    ).toBe(200);
  });

  test("the role's token parameters bind the token it issues (tokenutil.PopulateTokenAuth)", async () => {
    // Vault: token_bound_cidrs bind the token's use; token_no_default_policy drops "default";
    // token_period and token_explicit_max_ttl land on the token; a secret id's own
    // token_bound_cidrs replace the role's (path_login.go).
    await api(addr, 'auth/approle/role/bound', {
      token: root,
      body: {
        token_policies: 'ci-read',
        token_no_default_policy: true,
        token_period: '1h',
        token_explicit_max_ttl: '2h',
        token_bound_cidrs: '127.0.0.1/32',
      },
    });
    const rid = await roleId('bound');
    const sid = dataOf(await api(addr, 'auth/approle/role/bound/secret-id', { token: root, body: {} }))
      .secret_id as string;
    const bound = authOf(
      await putFrom(addr, '127.0.0.1', 'auth/approle/login', { role_id: rid, secret_id: sid }),
    );
    expect(bound.policies).toEqual(['ci-read']);
    // Without the default policy the token may not look itself up: root does it.
    const selfRes = await api(addr, 'auth/token/lookup', {
      token: root,
      body: { token: bound.client_token },
    });
    expect(selfRes.status, selfRes.text).toBe(200);
    const self = dataOf(selfRes);
    expect(self).toMatchObject({ period: 3600, explicit_max_ttl: 7200, bound_cidrs: ['127.0.0.1/32'] });

    await api(addr, 'auth/approle/role/open', { token: root, body: { token_policies: 'ci-read' } });
    const openId = await roleId('open');
    const narrow = dataOf(
      await api(addr, 'auth/approle/role/open/secret-id', {
        token: root,
        body: { token_bound_cidrs: '127.0.0.9/32' },
      }),
    ).secret_id as string;
    const refused = await putFrom(addr, '127.0.0.1', 'auth/approle/login', {
      role_id: openId,
      secret_id: narrow,
    });
    expect(refused.status, refused.text).toBe(403);
  });

  test('custom role id and secret id, lookup, accessors, destroy, tidy', async () => {
    await api(addr, 'auth/approle/role/nightly', { token: root, body: { token_policies: 'ci-read' } });
    expect(
      (await api(addr, 'auth/approle/role/nightly/role-id', { token: root, body: { role_id: 'nightly-id' } }))
        .status,
    ).toBe(204);
    const custom = await api(addr, 'auth/approle/role/nightly/custom-secret-id', {
      token: root,
      body: { secret_id: 'my-secret', metadata: '{"job":"build"}' },
    });
    const accessor = dataOf(custom).secret_id_accessor as string;
    expect(dataOf(custom)).toMatchObject({ secret_id: 'my-secret', secret_id_num_uses: 0, secret_id_ttl: 0 });
    const again = await api(addr, 'auth/approle/role/nightly/custom-secret-id', {
      token: root,
      body: { secret_id: 'my-secret' },
    });
    expect(again.status).toBe(500);
    expect(errorsOf(again)).toEqual([
      '1 error occurred:\n\t* failed to store secret_id: SecretID is already registered\n\n',
    ]);

    const looked = dataOf(
      await api(addr, 'auth/approle/role/nightly/secret-id/lookup', {
        token: root,
        body: { secret_id: 'my-secret' },
      }),
    );
    expect(looked).toMatchObject({
      secret_id_accessor: accessor,
      metadata: { job: 'build' },
      expiration_time: '0001-01-01T00:00:00Z',
    });
    const byAccessor = await api(addr, 'auth/approle/role/nightly/secret-id-accessor/lookup', {
      token: root,
      body: { secret_id_accessor: accessor },
    });
    expect(dataOf(byAccessor).secret_id_accessor).toBe(accessor);
    const listed = await api(addr, 'auth/approle/role/nightly/secret-id?list=true', { token: root });
    expect(dataOf(listed).keys).toEqual([accessor]);

    const login = await api(addr, 'auth/approle/login', {
      body: { role_id: 'nightly-id', secret_id: 'my-secret' },
    });
    expect(authOf(login).metadata).toEqual({ job: 'build', role_name: 'nightly' });

    expect(
      (
        await api(addr, 'auth/approle/role/nightly/secret-id-accessor/destroy', {
          token: root,
          body: { secret_id_accessor: accessor },
        })
      ).status,
    ).toBe(204);
    const gone = await api(addr, 'auth/approle/login', {
      body: { role_id: 'nightly-id', secret_id: 'my-secret' },
    });
    expect(errorsOf(gone)).toEqual(['invalid role or secret ID']);
    const missing = await api(addr, 'auth/approle/role/nightly/secret-id-accessor/lookup', {
      token: root,
      body: { secret_id_accessor: accessor },
    });
    expect(missing.status).toBe(404);
    expect(dataOf(missing).error).toBe(`failed to find accessor entry for secret_id_accessor: "${accessor}"`);

    const tidy = await api(addr, 'auth/approle/tidy/secret-id', { token: root, body: {} });
    expect(tidy.status).toBe(202);
  });

  test('bad inputs get Vault’s answers and change nothing', async () => {
    const cases: Array<[string, unknown, number, string]> = [
      ['auth/approle/login', { secret_id: 'x' }, 400, 'missing role_id'],
      ['auth/approle/login', { role_id: 'nope', secret_id: 'x' }, 400, 'invalid role or secret ID'],
      ['auth/approle/role/bad', { secret_id_bound_cidrs: '300.1.1.1/8' }, 400, 'invalid CIDR blocks'],
      ['auth/approle/role/bad', { token_type: 'weird' }, 400, `invalid 'token_type' value "weird"`],
      ['auth/approle/role/bad', { secret_id_num_uses: -1 }, 400, 'secret_id_num_uses cannot be negative'],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await api(addr, path, { token: root, body });
      expect([path, res.status, errorsOf(res)]).toEqual([path, status, [message]]);
    }
    expect((await api(addr, 'auth/approle/role/bad', { token: root })).status).toBe(404);
    const rid = await roleId('deploy');
    const noSecret = await api(addr, 'auth/approle/login', { body: { role_id: rid } });
    expect(errorsOf(noSecret)).toEqual(['missing secret_id']);
  });
});
