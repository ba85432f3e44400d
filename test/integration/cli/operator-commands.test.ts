import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeToken } from '../../../src/core/generate-root.js';
import { api, dataOf } from '../../helpers/api.js';
import { runCli } from '../../helpers/run-cli.js';
import { type ServerProcess, startServerProcess } from '../../helpers/server-process.js';

/** The closing paragraphs of `vault operator init`, wrapped at 78 columns as Vault wraps them. */
const initClosing = (shares: number, t: number) =>
  [
    `Vault initialized with ${shares} key shares and a key threshold of ${t}. Please securely`,
    'distribute the key shares printed above. When the Vault is re-sealed,',
    `restarted, or stopped, you must supply at least ${t} of these keys to unseal it`,
    'before it can start servicing requests.',
    '',
    `Vault does not store the generated root key. Without at least ${t} keys to`,
    'reconstruct the root key, Vault will remain permanently sealed!',
    '',
    'It is possible to generate new unseal keys, provided you have a quorum of',
    'existing unseal keys shares. See "vault operator rekey" for more information.',
    '',
  ].join('\n');

describe('hvr operator init/unseal/seal/generate-root against an uninitialised node', () => {
  let dir: string;
  let server: ServerProcess;
  let env: Record<string, string>;
  let keys: string[] = [];
  let rootToken = '';
  const cli = (args: string[], stdin?: string) =>
    runCli(args, { env, ...(stdin === undefined ? {} : { stdin }) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-operator-'));
    const config = join(dir, 'hvr.hcl');
    await writeFile(
      config,
      'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n',
    );
    server = await startServerProcess(['-config', config]);
    env = { HOME: dir, HVR_HOME: join(dir, 'hvr'), VAULT_ADDR: server.address };
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('init -status: exit 2 and the table line or the untagged Go field before init', async () => {
    const table = await cli(['operator', 'init', '-status']);
    expect(table).toMatchObject({ code: 2, stdout: 'Vault is not initialized\n', stderr: '' });
    const json = await cli(['operator', 'init', '-status', '-format=json']);
    expect(json).toMatchObject({ code: 2, stdout: '{\n  "Initialized": false\n}\n' });
  });

  test('init prints the keys, the root token and Vault’s closing paragraphs', async () => {
    const res = await cli(['operator', 'init', '-key-shares=3', '-t', '2']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const match =
      /^Unseal Key 1: (\S+)\nUnseal Key 2: (\S+)\nUnseal Key 3: (\S+)\n\nInitial Root Token: (hvs\.\S+)\n\n/.exec(
        res.stdout,
      );
    expect(match).not.toBeNull();
    keys = (match ?? []).slice(1, 4);
    rootToken = match?.[4] ?? '';
    expect(res.stdout.slice(match?.[0].length)).toBe(initClosing(3, 2));
    expect(await cli(['operator', 'init', '-status'])).toMatchObject({
      code: 0,
      stdout: 'Vault is initialized\n',
    });
    const again = await cli(['operator', 'init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `Error initializing: Error making API request.\n\nURL: PUT ${server.address}/v1/sys/init\nCode: 400. Errors:\n\n* Vault is already initialized\n`,
    );
  });

  test('unseal: progress table, -reset, JSON, and no prompt without a terminal', async () => {
    const first = await cli(['operator', 'unseal', keys[0] ?? '']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Key +Value\n-+ +-+\nSeal Type +shamir\nInitialized +true\nSealed +true\n/);
    expect(first.stdout).toMatch(/\nUnseal Progress +1\/2\nUnseal Nonce +[0-9a-f-]{36}\n/);

    const reset = await cli(['operator', 'unseal', '-reset']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/\nUnseal Progress +0\/2\nUnseal Nonce +n\/a\n/);

    const prompt = await cli(['operator', 'unseal']);
    expect(prompt.code).toBe(1);
    expect(prompt.stdout).toBe('Unseal Key (will be hidden): \n');
    expect(prompt.stderr).toContain('An error occurred attempting to ask for an unseal key.');
    expect(prompt.stderr).toContain('The raw error was:  file descriptor 0 is not a terminal\n');

    const tooMany = await cli(['operator', 'unseal', 'a', 'b']);
    expect(tooMany).toMatchObject({ code: 1, stderr: 'Too many arguments (expected 1, got 2)\n' });

    await cli(['operator', 'unseal', keys[1] ?? '']);
    const last = await cli(['operator', 'unseal', '-format=json', keys[2] ?? '']);
    expect(last.code).toBe(0);
    const doc = JSON.parse(last.stdout) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 6)).toEqual(['type', 'initialized', 'sealed', 't', 'n', 'progress']);
    expect(doc).toMatchObject({ sealed: false, t: 2, n: 3, ha_enabled: false });
  });

  test('seal prints Vault’s line; a second seal is an API error', async () => {
    const sealed = await cli(['operator', 'seal'], undefined);
    expect(sealed).toMatchObject({ code: 2 });
    expect(sealed.stderr).toMatch(
      /^Error sealing: Error making API request\.\n\nURL: PUT .*\/v1\/sys\/seal\nCode: 403\./,
    );
    env.VAULT_TOKEN = rootToken;
    expect(await cli(['operator', 'seal'])).toMatchObject({ code: 0, stdout: 'Success! Vault is sealed.\n' });
    const status = await cli(['status']);
    expect(status.code).toBe(2);
    await cli(['operator', 'unseal', keys[0] ?? '']);
    const open = await cli(['operator', 'unseal', keys[1] ?? '']);
    expect(open.stdout).toMatch(/\nSealed +false\n/);
  });

  test('generate-root: OTP, init, two shares (argument and stdin), decode to a working root token', async () => {
    const none = await cli(['operator', 'generate-root', keys[0] ?? '']);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      'No root generation is in progress. Start a root generation by running "vault\noperator generate-root -init".\nIf starting root generation using the OTP method and generating your own OTP,\nthe length of the OTP string needs to be 28 characters in length.\n',
    );
    const otpRes = await cli(['operator', 'generate-root', '-generate-otp']);
    expect(otpRes.code).toBe(0);
    const otp = otpRes.stdout;
    expect(otp).toMatch(/^[0-9A-Za-z]{28}$/);
    const otpJson = await cli(['operator', 'generate-root', '-generate-otp', '-format=json']);
    expect(JSON.parse(otpJson.stdout)).toMatchObject({ otp_length: 28 });

    const started = await cli(['operator', 'generate-root', '-init', `-otp=${otp}`]);
    expect(started.code).toBe(0);
    const nonce = /^Nonce +(\S+)\n/.exec(started.stdout)?.[1] ?? '';
    expect(started.stdout).toBe(
      `Nonce         ${nonce}\nStarted       true\nProgress      0/2\nComplete      false\nOTP Length    28\n`,
    );
    const status = await cli(['operator', 'generate-root', '-status', '-format=json']);
    expect(Object.keys(JSON.parse(status.stdout) as object)).toEqual([
      'nonce',
      'started',
      'progress',
      'required',
      'complete',
      'encoded_token',
      'encoded_root_token',
      'pgp_fingerprint',
      'otp',
      'otp_length',
    ]);
    const noNonce = await cli(['operator', 'generate-root', keys[0] ?? '']);
    expect(noNonce).toMatchObject({
      code: 1,
      stderr: 'Missing nonce value: specify it via the -nonce flag\n',
    });

    const one = await cli(['operator', 'generate-root', `-nonce=${nonce}`, keys[0] ?? '']);
    expect(one.stdout).toContain('Progress      1/2\n');
    const two = await cli(['operator', 'generate-root', `-nonce=${nonce}`, '-'], `${keys[1]}\n`);
    expect(two.code).toBe(0);
    const encoded = /\nEncoded Token +(\S+)\n/.exec(two.stdout)?.[1] ?? '';
    expect(two.stdout).toContain('Complete         true\n');

    const decoded = await cli(['operator', 'generate-root', `-decode=${encoded}`, `-otp=${otp}`]);
    expect(decoded).toMatchObject({ code: 0, stdout: decodeToken(encoded, otp) });
    const self = await api(server.address, 'auth/token/lookup-self', { token: decoded.stdout });
    expect(dataOf(self).policies).toEqual(['root']);
    const json = await cli([
      'operator',
      'generate-root',
      '-format=json',
      `-decode=${encoded}`,
      `-otp=${otp}`,
    ]);
    expect(json.stdout).toBe(`{\n  "token": "${decoded.stdout}"\n}\n`);
    const badOtp = await cli(['operator', 'generate-root', `-decode=${encoded}`, '-otp=short']);
    expect(badOtp).toMatchObject({
      code: 1,
      stderr: 'Error xoring token: length of byte slices is not equivalent: 28 != 5\n',
    });
  });

  test('generate-root: a server-made OTP is shown once with Vault’s warning; -cancel', async () => {
    const started = await cli(['operator', 'generate-root', '-init']);
    expect(started.code).toBe(0);
    expect(started.stderr).toBe(
      'A One-Time-Password has been generated for you and is shown in the OTP field.\nYou will need this value to decode the resulting root token, so keep it safe.\n',
    );
    expect(started.stdout).toMatch(/\nOTP +[0-9A-Za-z]{28}\nOTP Length +28\n$/);
    const twice = await cli(['operator', 'generate-root', '-init']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('Error initializing root generation: Error making API request.');
    const cancel = await cli(['operator', 'generate-root', '-cancel']);
    expect(cancel).toMatchObject({
      code: 0,
      stdout: 'Success! Root token generation canceled (if it was started)\n',
    });
    const after = await cli(['operator', 'generate-root', '-status']);
    expect(after.stdout).toContain('Started       false\n');
  });

  test('generate-root flag rules and -dr-token routing', async () => {
    expect(await cli(['operator', 'generate-root', '-dr-token', '-recovery-token', '-status'])).toMatchObject(
      {
        code: 1,
        stderr: 'Both -recovery-token and -dr-token flags are set\n',
      },
    );
    const both = await cli(['operator', 'generate-root', '-init', '-otp=x', '-pgp-key=keybase:someone']);
    expect(both).toMatchObject({
      code: 1,
      stderr: 'Error initializing: cannot specify both -otp and -pgp-key\n',
    });
    // -dr-token works on the DR operation token attempt, which the root attempt does not see.
    const dr = await cli(['operator', 'generate-root', '-dr-token', '-init']);
    expect(dr.code).toBe(0);
    expect(dr.stdout).toContain('Started       true\n');
    expect((await cli(['operator', 'generate-root', '-status'])).stdout).toContain('Started       false\n');
    expect((await cli(['operator', 'generate-root', '-dr-token', '-status'])).stdout).toContain(
      'Started       true\n',
    );
    expect(await cli(['operator', 'generate-root', '-dr-token', '-cancel'])).toMatchObject({ code: 0 });
    expect((await cli(['operator', 'generate-root', '-dr-token', '-status'])).stdout).toContain(
      'Started       false\n',
    );
  });
});
