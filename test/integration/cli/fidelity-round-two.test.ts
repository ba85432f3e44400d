import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliResult, runCli } from '../../helpers/run-cli.js';
import { devServer } from '../../helpers/server-process.js';

/**
 * Issue 11: what a script written for `vault` still tripped on. Every case runs the real
 * binary, against an embedded node and a dev server, and quotes the Vault source it matches.
 */
interface Target {
  readonly env: Record<string, string>;
  /** What curl strings address: the server, or Vault's default for embedded mode. */
  readonly curlBase: string;
  stop(): Promise<void>;
}

async function embeddedTarget(): Promise<Target> {
  const home = await mkdtemp(join(tmpdir(), 'hvr-fid-'));
  const env = { HVR_HOME: join(home, 'hvr'), HOME: home };
  expect((await runCli(['secrets', 'list'], { env })).code).toBe(0);
  return {
    env,
    curlBase: 'https://127.0.0.1:8200',
    stop: () => rm(home, { recursive: true, force: true }),
  };
}

async function devTarget(): Promise<Target> {
  const server = await devServer();
  const home = await mkdtemp(join(tmpdir(), 'hvr-fid-'));
  const env = { HOME: home, VAULT_ADDR: server.address, VAULT_TOKEN: server.rootToken() ?? '' };
  return {
    env,
    curlBase: server.address,
    stop: async () => {
      await server.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

const TARGETS = [
  ['embedded', embeddedTarget],
  ['dev server', devTarget],
] as const;

for (const [name, start] of TARGETS) {
  describe(`vault scripts on hvr, ${name}`, () => {
    let t: Target;
    const cli = (args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> =>
      runCli(args, { env: { ...t.env, ...env } });

    beforeAll(async () => {
      t = await start();
      expect((await cli(['secrets', 'enable', '-path=kv1', 'kv'])).code).toBe(0);
      expect((await cli(['write', 'kv1/foo', 'a=b'])).code).toBe(0);
      expect((await cli(['kv', 'put', 'secret/app', 'pw=1'])).code).toBe(0);
    });
    afterAll(() => t?.stop());

    // V:command/main.go setupEnv: "Parse a given flag here, which overrides the env var"
    // over every arg up to "--", so `-format` after the path still picks the formatter.
    test('-format after the path is honoured, as is VAULT_FORMAT and the bare `-format json`', async () => {
      const after = await cli(['read', 'kv1/foo', '-format=json']);
      expect(after.code).toBe(0);
      expect(JSON.parse(after.stdout).data).toEqual({ a: 'b' });
      const spaced = await cli(['kv', 'get', '-format', 'json', 'kv1/foo']);
      expect(JSON.parse(spaced.stdout).data).toEqual({ a: 'b' });
      const env = await cli(['read', 'kv1/foo'], { VAULT_FORMAT: 'JSON' });
      expect(JSON.parse(env.stdout).data).toEqual({ a: 'b' });
      // The flag wins over the environment; an unknown value stops before any command runs.
      const flagWins = await cli(['read', 'kv1/foo', '--format=yaml'], { VAULT_FORMAT: 'json' });
      expect(flagWins.stdout).toContain('a: b');
      const bad = await cli(['nope', '-format=xml']);
      expect(bad).toMatchObject({ code: 1, stderr: 'Invalid output format: xml\n' });
      // Other trailing flags are still warned about (V:command/base_helpers.go generateFlagWarnings).
      const warned = await cli(['read', 'kv1/foo', '-field=a']);
      expect(warned.stderr).toBe(
        'Command flags must be provided before positional arguments. The following arguments will not be parsed as flags: [-field=a]\n',
      );
    });

    // V:api/output_policy.go formatOutputPolicy: `path "%s" {\n  capabilities = ["%s"]\n}`;
    // buildSamplePolicy: GET→read, POST/PUT→create+update, PATCH→patch, DELETE→delete,
    // list=true→list, IsSudoPath adds "sudo".
    test('-output-policy prints the HCL the request needs and changes nothing', async () => {
      const policy = (path: string, ...caps: string[]) =>
        `path "${path}" {\n  capabilities = ["${caps.join('", "')}"]\n}\n`;
      const cases: Array<[string[], string]> = [
        [['read', '-output-policy', 'kv1/foo'], policy('kv1/foo', 'read')],
        [['write', '-output-policy', 'kv1/foo', 'a=changed'], policy('kv1/foo', 'create', 'update')],
        [['list', '-output-policy', 'kv1/'], policy('kv1', 'list')],
        [['delete', '-output-policy', 'kv1/foo'], policy('kv1/foo', 'delete')],
        [['patch', '-output-policy', 'kv1/foo', 'a=x'], policy('kv1/foo', 'patch')],
        [['kv', 'get', '-output-policy', 'secret/app'], policy('secret/data/app', 'read')],
        [
          ['kv', 'put', '-output-policy', 'secret/app', 'pw=2'],
          policy('secret/data/app', 'create', 'update'),
        ],
        [['kv', 'list', '-output-policy', 'secret/'], policy('secret/metadata', 'list')],
        [['kv', 'get', '-output-policy', 'kv1/foo'], policy('kv1/foo', 'read')],
        [['audit', 'list', '-output-policy'], policy('sys/audit', 'read', 'sudo')],
      ];
      // Embedded runs open the node each time: there the kv cases (which need it) suffice.
      for (const [args, want] of name === 'embedded' ? cases.filter(([a]) => a[0] === 'kv') : cases) {
        const res = await cli(args);
        expect({ args, ...res }).toEqual({ args, code: 0, stdout: want, stderr: '' });
      }
      expect(JSON.parse((await cli(['read', '-format=json', 'kv1/foo'])).stdout).data).toEqual({ a: 'b' });
      expect((await cli(['kv', 'get', '-field=pw', 'secret/app'])).stdout).toBe('1');
      // V:command/main.go generatePolicy: a usage error passes its message through.
      const usage = await cli(['read', '-output-policy']);
      expect(usage).toMatchObject({
        code: 1,
        stderr: 'Not enough arguments (expected 1, got 0)\nUnable to generate policy from command\n',
      });
    });

    // V:command/kv_helpers.go kvPreflightVersionRequest: "client.SetOutputCurlString(false)"
    // around the mount lookup, so the string printed is the request that follows it.
    test('kv -output-curl-string prints the real request, not the mount lookup', async () => {
      const get = await cli(['kv', 'get', '-output-curl-string', 'secret/app']);
      expect(get.code).toBe(0);
      expect(get.stdout).toMatch(/^curl -H "X-Vault-Request: true" /);
      expect(get.stdout).toContain(`"${t.curlBase}/v1/secret/data/app"\n`);
      const put = await cli(['kv', 'put', '-output-curl-string', 'secret/app', 'pw=3']);
      expect(put.stdout).toContain(
        `-d '{"data":{"pw":"3"},"options":{}}' "${t.curlBase}/v1/secret/data/app"`,
      );
      const v1 = await cli(['kv', 'get', '-output-curl-string', 'kv1/foo']);
      expect(v1.stdout).toContain(`"${t.curlBase}/v1/kv1/foo"`);
      expect((await cli(['kv', 'get', '-field=pw', 'secret/app'])).stdout).toBe('1');
    });

    // V:command/format.go JsonFormatter.Output: "Show the raw JSON of the LIST call, rather
    // than only the list of keys" when Detailed(ui) — setupEnv's -detailed or VAULT_DETAILED.
    test('list -detailed -format=json prints the whole response', async () => {
      const plain = await cli(['list', '-format=json', 'secret/metadata']);
      expect(JSON.parse(plain.stdout)).toEqual(['app']);
      for (const res of [
        await cli(['list', '-detailed', '-format=json', 'secret/metadata']),
        await cli(['list', '-format=json', 'secret/metadata'], { VAULT_DETAILED: 'true' }),
      ]) {
        const doc = JSON.parse(res.stdout);
        expect(doc.data).toEqual({ keys: ['app'] });
        expect(Object.keys(doc)).toEqual(
          expect.arrayContaining(['request_id', 'lease_id', 'lease_duration', 'renewable', 'warnings']),
        );
      }
    });
  });
}

describe('headers on the wire', () => {
  let seen: IncomingHttpHeaders[] = [];
  let raw: string[][] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    raw.push(req.rawHeaders);
    res.writeHead(204).end();
  });
  let address = '';
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  // V:api/request.go ToHTTP: `for _, mfaHeaderVal := range r.MFAHeaderVals {
  // req.Header.Add("X-Vault-MFA", mfaHeaderVal) }` — one header line per credential.
  test('-mfa given twice sends two X-Vault-MFA lines', async () => {
    seen = [];
    raw = [];
    const home = await mkdtemp(join(tmpdir(), 'hvr-fid-'));
    try {
      const res = await runCli(['write', '-mfa=a:1', '-mfa=b:2', 'kv1/foo', 'a=b'], {
        env: { HOME: home, VAULT_ADDR: address, VAULT_TOKEN: 'hvs.x' },
      });
      expect(res.code).toBe(0);
      const lines = raw[0] ?? [];
      const mfa = lines.filter((_, i) => i % 2 === 1 && /^x-vault-mfa$/i.test(lines[i - 1] ?? ''));
      expect(mfa).toEqual(['a:1', 'b:2']);
      const curl = await runCli(['write', '-output-curl-string', '-mfa=a:1', '-mfa=b:2', 'kv1/foo', 'a=b'], {
        env: { HOME: home, VAULT_ADDR: address },
      });
      expect(curl.stdout).toContain('-H "X-Vault-Mfa: a:1" -H "X-Vault-Mfa: b:2"');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
