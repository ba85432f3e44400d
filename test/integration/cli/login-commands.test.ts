import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../../helpers/server-process.js';

const BANNER = [
  'Success! You are now authenticated. The token information displayed below',
  'is already stored in the token helper. You do NOT need to run "vault login"',
  'again. Future Vault requests will automatically use this token.',
  '',
  '',
].join('\n');
const ENV_WARNING = [
  'WARNING! The VAULT_TOKEN environment variable is set! The value of this',
  'variable will take precedence; if this is unwanted please unset VAULT_TOKEN or',
  'update its value accordingly.',
  '',
  '',
].join('\n');
const NOT_STORED = [
  'The token was not stored in token helper. Set the VAULT_TOKEN environment',
  'variable or pass the token below with each request to Vault.',
  '',
  '',
].join('\n');

const row = (table: string, key: string): string | undefined =>
  table
    .split('\n')
    .find((l) => l.startsWith(`${key} `))
    ?.slice(key.length)
    .trim();

describe('hvr login, embedded', () => {
  let home: string;
  let env: Record<string, string>;
  let token: string;
  const hvr = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) =>
    runCli(args, {
      env: { ...env, ...opts.env },
      ...(opts.stdin === undefined ? {} : { stdin: opts.stdin }),
    });
  const stored = () => readFile(join(home, '.vault-token'), 'utf8').catch(() => undefined);

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-login-'));
    env = { HVR_HOME: join(home, 'hvr'), HOME: home };
    const created = await hvr(['token', 'create', '-field=token', '-policy=default', '-ttl=1h']);
    expect(created.code, created.stderr).toBe(0);
    token = created.stdout;
    expect((await hvr(['write', 'sys/auth/userpass', 'type=userpass'])).code).toBe(0);
    expect(
      (await hvr(['write', 'auth/userpass/users/bob', 'password=s3cret', 'policies=default'])).code,
    ).toBe(0);
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('login TOKEN verifies it, stores it in ~/.vault-token (0600) and prints the banner and table', async () => {
    const res = await hvr(['login', token]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout.startsWith(`${BANNER}Key                  Value\n---                  -----\n`)).toBe(
      true,
    );
    expect(row(res.stdout, 'token')).toBe(token);
    expect(row(res.stdout, 'token_policies')).toBe('["default"]');
    expect(row(res.stdout, 'policies')).toBe('["default"]');
    expect(await stored()).toBe(token);
    expect((await stat(join(home, '.vault-token'))).mode & 0o777).toBe(0o600);
  });

  test('login - reads the token from stdin; -field prints one field; JSON shows the auth block', async () => {
    const field = await hvr(['login', '-no-print=false', '-field=token_accessor', '-'], {
      stdin: `  ${token}\n`,
    });
    expect(field.code).toBe(0);
    expect(field.stdout).toMatch(/^[A-Za-z0-9]{24}$/);
    const json = await hvr(['login', '-format=json', `token=${token}`]);
    const doc = JSON.parse(json.stdout) as { auth: { client_token: string; token_policies: string[] } };
    expect(doc.auth).toMatchObject({ client_token: token, token_policies: ['default'] });
  });

  test('-no-store, -token-only, -no-print and the VAULT_TOKEN warning', async () => {
    await rm(join(home, '.vault-token'), { force: true });
    const noStore = await hvr(['login', '-no-store', token]);
    expect(noStore.code).toBe(0);
    expect(noStore.stderr).toBe(NOT_STORED);
    expect(await stored()).toBeUndefined();
    const only = await hvr(['login', '-token-only', token]);
    expect([only.code, only.stdout, only.stderr]).toEqual([0, token, '']);
    expect(await stored()).toBeUndefined();
    const quiet = await hvr(['login', '-no-print', token], { env: { VAULT_TOKEN: 'something-else' } });
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', ENV_WARNING]);
    expect(await stored()).toBe(token);
    const both = await hvr(['login', '-no-store', '-no-print', token]);
    expect([both.code, both.stderr]).toEqual([1, '-no-store and -no-print cannot be used together\n']);
  });

  test('lookup=false skips verification; bad tokens and missing tokens fail clearly', async () => {
    const unverified = await hvr(['login', '-token-only', 'token=hvs.anything', 'lookup=false']);
    expect(unverified.stdout).toBe('hvs.anything');
    const bad = await hvr(['login', '-no-store', 'hvs.bogus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^Error authenticating: error looking up token: Error making API request\.\n\nURL: GET embedded:\/\/default\/v1\/auth\/token\/lookup-self\nCode: 403\./,
    );
    const lookup = await hvr(['login', 'token=x', 'lookup=maybe']);
    expect(lookup.stderr).toBe(
      'Error authenticating: Failed to parse "lookup" as boolean: strconv.ParseBool: parsing "maybe": invalid syntax\n',
    );
    const nonInteractive = await hvr(['login', '-non-interactive']);
    expect([nonInteractive.code, nonInteractive.stderr]).toEqual([
      2,
      "Error authenticating: 'token' not supplied and refusing to pull from stdin\n",
    ]);
    const noTty = await hvr(['login']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toContain('you are executing outside of a terminal (tty)');
    const blank = await hvr(['login', '-'], { stdin: '   \n' });
    expect(blank.stderr).toBe(
      'Error authenticating: a token must be passed to auth, please view the help for more information\n',
    );
    const kv = await hvr(['login', 'token']);
    expect(kv.code).toBe(2);
  });

  test('-method=userpass logs in with username and password, from args or stdin', async () => {
    await rm(join(home, '.vault-token'), { force: true });
    const res = await hvr(['login', '-method=userpass', 'username=bob', 'password=s3cret']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.startsWith(BANNER)).toBe(true);
    expect(row(res.stdout, 'token_meta_username')).toBe('bob');
    expect(row(res.stdout, 'token_duration')).toBe('768h');
    expect(await stored()).toBe(row(res.stdout, 'token'));
    const piped = await hvr(
      ['login', '-method=userpass', '-path=userpass', '-token-only', 'username=bob', 'password=-'],
      { stdin: 's3cret' },
    );
    expect(piped.stdout).toMatch(/^hvs\./);
  });

  test('userpass: missing username or password, wrong password, unknown method', async () => {
    const noUser = await hvr(['login', '-method=userpass', 'password=x']);
    expect([noUser.code, noUser.stderr]).toEqual([2, "Error authenticating: 'username' must be specified\n"]);
    const nonInteractive = await hvr(['login', '-method=userpass', '-non-interactive', 'username=bob']);
    expect(nonInteractive.stderr).toBe(
      "Error authenticating: 'password' must be specified and refusing to pull from stdin\n",
    );
    const noTty = await hvr(['login', '-method=userpass', 'username=bob']);
    expect(noTty.code).toBe(2);
    expect(noTty.stderr).toMatch(
      /^Error authenticating: 'password' must be specified: stdin is not a terminal/,
    );
    const wrong = await hvr(['login', '-method=userpass', 'username=bob', 'password=nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(
      /^Error authenticating: Error making API request\.\n\nURL: PUT embedded:\/\/default\/v1\/auth\/userpass\/login\/bob\nCode: 400\./,
    );
    const unknown = await hvr(['login', '-method=github']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'Unknown auth method: github. Use "vault auth list" to see the complete list of\nauth methods. Additionally, some auth methods are only available via the HTTP\nAPI.\n',
    );
  });

  test('a wrapped userpass login is unwrapped and stored; with -no-store the wrapping token is shown', async () => {
    const wrapped = await hvr([
      'login',
      '-method=userpass',
      '-wrap-ttl=5m',
      '-field=token_policies',
      'username=bob',
      'password=s3cret',
    ]);
    expect([wrapped.code, wrapped.stdout]).toEqual([0, '[default]']);
    const shown = await hvr([
      'login',
      '-method=userpass',
      '-wrap-ttl=5m',
      '-no-store',
      'username=bob',
      'password=s3cret',
    ]);
    expect(shown.code).toBe(0);
    expect(row(shown.stdout, 'wrapping_token:')).toMatch(/^hvs\./);
    expect(row(shown.stdout, 'wrapping_token_creation_path:')).toBe('auth/userpass/login/bob');
    const tokenOnly = await hvr([
      'login',
      '-method=userpass',
      '-wrap-ttl=5m',
      '-token-only',
      'username=bob',
      'password=s3cret',
    ]);
    const unwrapped = await hvr(['unwrap', '-field=token', tokenOnly.stdout]);
    expect(unwrapped.stdout).toMatch(/^hvs\./);
  });
});

describe('hvr login against a dev server', () => {
  let server: ServerProcess;
  let home: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    server = await devServer();
    home = await mkdtemp(join(tmpdir(), 'hvr-cli-login-dev-'));
    env = { HOME: home, VAULT_ADDR: server.address };
  });
  afterAll(async () => {
    await server.stop();
    await rm(home, { recursive: true, force: true });
  });

  test('the stored token is used by later commands; VAULT_TOKEN still wins', async () => {
    const root = server.rootToken() ?? '';
    expect((await runCli(['token', 'lookup'], { env })).code).toBe(2);
    const login = await runCli(['login', '-no-print', root], { env });
    expect([login.code, login.stderr]).toEqual([0, '']);
    expect((await runCli(['token', 'lookup', '-field=id'], { env })).stdout).toBe(root);
    const child = (await runCli(['token', 'create', '-field=token', '-policy=default'], { env })).stdout;
    const asChild = await runCli(['token', 'lookup', '-field=policies'], {
      env: { ...env, VAULT_TOKEN: child },
    });
    expect(asChild.stdout).toBe('[default]');
    const revoke = await runCli(['token', 'revoke', '-self'], { env });
    expect(revoke.stdout).toBe('Success! Revoked token (if it existed)\n');
    const after = await runCli(['token', 'lookup'], { env });
    expect(after.code).toBe(2);
    expect(after.stderr).toContain(`URL: GET ${server.address}/v1/auth/token/lookup-self`);
  });
});
