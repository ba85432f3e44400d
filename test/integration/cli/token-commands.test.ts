import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

/** The auth table's row names, in Vault's order. */
const AUTH_ROWS = [
  'token',
  'token_accessor',
  'token_duration',
  'token_renewable',
  'token_policies',
  'identity_policies',
  'policies',
];
const rowNames = (table: string): string[] =>
  table
    .trim()
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0] ?? '');
const row = (table: string, key: string): string | undefined =>
  table
    .split('\n')
    .find((l) => l.startsWith(`${key} `))
    ?.slice(key.length)
    .trim();

describe('hvr token create/lookup/renew/revoke/capabilities, embedded', () => {
  let home: string;
  let env: Record<string, string>;
  const hvr = (args: string[], stdin?: string) =>
    runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });
  const newToken = async (...flags: string[]): Promise<string> => {
    const res = await hvr(['token', 'create', '-field=token', ...flags]);
    expect(res.code, res.stderr).toBe(0);
    return res.stdout;
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-token-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
    // The first command creates the local cluster (and says so on stderr).
    expect((await hvr(['token', 'lookup'])).code).toBe(0);
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('token create prints the auth table, metadata rows last', async () => {
    const res = await hvr([
      'token',
      'create',
      '-policy=default',
      '-policy=web',
      '-ttl=1h',
      '-metadata=team=ops',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Key {18}Value\n--- {18}-----\n/);
    expect(rowNames(res.stdout)).toEqual([...AUTH_ROWS, 'token_meta_team']);
    expect(row(res.stdout, 'token')).toMatch(/^hvs\./);
    expect(row(res.stdout, 'token_duration')).toBe('1h');
    expect(row(res.stdout, 'token_renewable')).toBe('true');
    expect(row(res.stdout, 'token_policies')).toBe('["default" "web"]');
    expect(row(res.stdout, 'identity_policies')).toBe('[]');
    expect(row(res.stdout, 'token_meta_team')).toBe('ops');
  });

  test('token create: -field, -format=json, batch tokens and -no-default-policy', async () => {
    const field = await hvr([
      'token',
      'create',
      '-field=token_policies',
      '-no-default-policy',
      '-policy=web',
    ]);
    expect(field.stdout).toBe('[web]');
    const json = await hvr(['token', 'create', '-format=json', '-renewable=false', '-period=30m']);
    const doc = JSON.parse(json.stdout) as { auth: { renewable: boolean; lease_duration: number } };
    expect(doc.auth).toMatchObject({ renewable: false, lease_duration: 1800 });
    const batch = await hvr(['token', 'create', '-type=batch', '-policy=default', '-format=json']);
    expect(batch.code).toBe(0);
    expect((JSON.parse(batch.stdout) as { auth: { client_token: string } }).auth.client_token).toMatch(
      /^hvb\./,
    );
  });

  test('token create: bad input exits 1 with Go flag and argument messages', async () => {
    const extra = await hvr(['token', 'create', 'extra']);
    expect([extra.code, extra.stderr]).toEqual([1, 'Too many arguments (expected 0, got 1)\n']);
    const ttl = await hvr(['token', 'create', '-ttl=soon']);
    expect([ttl.code, ttl.stderr]).toEqual([
      1,
      'invalid value "soon" for flag -ttl: time: invalid duration "soon"\n',
    ]);
    const uses = await hvr(['token', 'create', '-use-limit=many']);
    expect(uses.code).toBe(1);
    expect(uses.stderr).toContain('invalid value "many" for flag -use-limit');
    const role = await hvr(['token', 'create', '-role=nope']);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(
      /^Error creating token: Error making API request\.\n\nURL: PUT embedded:\/\/default\/v1\/auth\/token\/create\/nope\nCode: 400\. Errors:/,
    );
  });

  test('token lookup: self, by token, by accessor; argument errors', async () => {
    const self = await hvr(['token', 'lookup']);
    expect(row(self.stdout, 'display_name')).toBe('root');
    expect(row(self.stdout, 'policies')).toBe('[root]');
    const token = await newToken('-policy=default', '-display-name=ci');
    const byToken = await hvr(['token', 'lookup', token]);
    expect(row(byToken.stdout, 'id')).toBe(token);
    expect(row(byToken.stdout, 'display_name')).toBe('token-ci');
    const accessor = row(byToken.stdout, 'accessor') ?? '';
    const byAccessor = await hvr(['token', 'lookup', '-accessor', accessor]);
    expect(row(byAccessor.stdout, 'accessor')).toBe(accessor);
    expect(row(byAccessor.stdout, 'id')).toBe('n/a');
    const field = await hvr(['token', 'lookup', '-field=display_name', token]);
    expect(field.stdout).toBe('token-ci');
    expect((await hvr(['token', 'lookup', '-accessor'])).stderr).toBe(
      'Not enough arguments with -accessor (expected 1, got 0)\n',
    );
    expect((await hvr(['token', 'lookup', '-accessor', 'a', 'b'])).stderr).toBe(
      'Too many arguments with -accessor (expected 1, got 2)\n',
    );
    const many = await hvr(['token', 'lookup', 'a', 'b']);
    expect([many.code, many.stderr]).toEqual([1, 'Too many arguments (expected 0-1, got 2)\n']);
    const bad = await hvr(['token', 'lookup', 'hvs.nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error looking up token: Error making API request\./);
  });

  test('token renew: by token with -increment, by accessor; non-renewable fails with 2', async () => {
    const token = await newToken('-policy=default', '-ttl=10m');
    const renewed = await hvr(['token', 'renew', '-increment=1h', token]);
    expect(renewed.code).toBe(0);
    expect(rowNames(renewed.stdout)).toEqual(AUTH_ROWS);
    expect(row(renewed.stdout, 'token')).toBe(token);
    const accessor = (await hvr(['token', 'lookup', '-field=accessor', token])).stdout;
    const byAccessor = await hvr(['token', 'renew', '-accessor', '-format=json', accessor]);
    expect((JSON.parse(byAccessor.stdout) as { auth: { renewable: boolean } }).auth.renewable).toBe(true);
    const fixed = await newToken('-renewable=false', '-ttl=10m');
    const refused = await hvr(['token', 'renew', fixed]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^Error renewing token: Error making API request\./);
    const many = await hvr(['token', 'renew', 'a', 'b']);
    expect([many.code, many.stderr]).toEqual([1, 'Too many arguments (expected 1, got 2)\n']);
    const inc = await hvr(['token', 'renew', '-increment=later']);
    expect([inc.code, inc.stderr]).toEqual([
      1,
      'invalid value "later" for flag -increment: time: invalid duration "later"\n',
    ]);
  });

  test('token revoke: tree, orphan, accessor and -self print Vault’s line', async () => {
    const parent = await newToken('-policy=default');
    const child = (await hvr(['token', 'create', '-field=token', '-policy=default'])).stdout;
    const revoked = await hvr(['token', 'revoke', parent]);
    expect([revoked.code, revoked.stdout]).toEqual([0, 'Success! Revoked token (if it existed)\n']);
    expect((await hvr(['token', 'lookup', parent])).code).toBe(2);
    expect((await hvr(['token', 'lookup', child])).code).toBe(0);

    const orphanParent = await newToken('-policy=default');
    expect((await hvr(['token', 'revoke', '-mode=orphan', orphanParent])).code).toBe(0);
    expect((await hvr(['token', 'lookup', orphanParent])).code).toBe(2);

    const byAccessor = await newToken('-policy=default');
    const accessor = (await hvr(['token', 'lookup', '-field=accessor', byAccessor])).stdout;
    expect((await hvr(['token', 'revoke', '-accessor', accessor])).stdout).toBe(
      'Success! Revoked token (if it existed)\n',
    );
    expect((await hvr(['token', 'lookup', byAccessor])).code).toBe(2);

    const self = await newToken('-policy=default');
    const selfRevoke = await runCli(['token', 'revoke', '-self'], { env: { ...env, VAULT_TOKEN: self } });
    expect([selfRevoke.code, selfRevoke.stdout]).toEqual([0, 'Success! Revoked token (if it existed)\n']);
    expect((await hvr(['token', 'lookup', self])).code).toBe(2);
  });

  test('token revoke: argument and flag conflicts exit 1', async () => {
    const cases: [string[], string][] = [
      [['token', 'revoke'], 'Not enough arguments (expected 1 or -self, got 0)'],
      [['token', 'revoke', 'a', 'b'], 'Too many arguments (expected 1 or -self, got 2)'],
      [['token', 'revoke', '-self', 'a'], 'Too many arguments with -self (expected 0, got 1)'],
      [['token', 'revoke', '-self', '-accessor'], 'Cannot use -self with -accessor!'],
      [['token', 'revoke', '-self', '-mode=orphan'], 'Cannot use -self with -mode!'],
      [['token', 'revoke', '-accessor', '-mode=orphan', 'a'], 'Cannot use -accessor with -mode=orphan!'],
      [['token', 'revoke', '-mode=all', 'a'], 'Invalid mode: all'],
    ];
    for (const [args, message] of cases) {
      const res = await hvr(args);
      expect([res.code, res.stderr, res.stdout], args.join(' ')).toEqual([1, `${message}\n`, '']);
    }
  });

  test('token revoke -self will not revoke the local cluster’s own root token', async () => {
    const res = await hvr(['token', 'revoke', '-self']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^hvr: refusing to revoke the local cluster's root token/);
    expect((await hvr(['token', 'lookup', '-field=display_name'])).stdout).toBe('root');
  });

  test('token capabilities: self and for a token, table and JSON; errors', async () => {
    expect(await hvr(['token', 'capabilities', 'secret/foo'])).toMatchObject({ code: 0, stdout: 'root\n' });
    const policy = 'path "secret/*" { capabilities = ["update", "read", "list"] }';
    expect((await hvr(['policy', 'write', 'caps', '-'], policy)).code).toBe(0);
    const token = await newToken('-policy=caps');
    expect((await hvr(['token', 'capabilities', token, 'secret/foo'])).stdout).toBe('list, read, update\n');
    expect((await hvr(['token', 'capabilities', token, 'kv/foo'])).stdout).toBe('deny\n');
    const json = await hvr(['token', 'capabilities', '-format=json', token, 'secret/foo']);
    expect(JSON.parse(json.stdout)).toEqual(expect.arrayContaining(['read', 'list', 'update']));
    const own = await runCli(['token', 'capabilities', 'secret/x'], { env: { ...env, VAULT_TOKEN: token } });
    expect(own.stdout).toBe('list, read, update\n');
    expect(await hvr(['token', 'capabilities'])).toMatchObject({
      code: 1,
      stderr: 'Not enough arguments (expected 1-2, got 0)\n',
    });
    expect(await hvr(['token', 'capabilities', 'a', 'b', 'c'])).toMatchObject({
      code: 1,
      stderr: 'Too many arguments (expected 1-2, got 3)\n',
    });
    const bad = await hvr(['token', 'capabilities', 'hvs.nope', 'secret/foo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Error listing capabilities: Error making API request\./);
  });

  test('hvr token alone lists the subcommands and exits 1 (cli.RunResultHelp); -h exits 0', async () => {
    const res = await hvr(['token']);
    for (const sub of ['capabilities', 'create', 'lookup', 'renew', 'revoke'])
      expect(res.stderr).toContain(`    ${sub} `);
    expect(res.code).toBe(1);
    const kv = await hvr(['kv']);
    expect(kv.code).toBe(1);
    expect(kv.stderr).toContain('    get ');
    expect((await hvr(['kv', '-h'])).code).toBe(0);
  });
});
