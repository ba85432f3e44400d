import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { type Issued, makeClientCA, makeClientCert } from '../helpers/client-certs.js';
import { runCli } from '../helpers/run-cli.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';
import { authOf, errorsOf } from '../helpers/tokens.js';

/**
 * TLS certificate auth as a CI runner uses it (Vault's builtin/credential/cert): the API
 * listener asks every client for a certificate without requiring one, and auth/cert/login
 * trusts the certificate when it chains to a registered CA (or is a registered leaf) and
 * meets that entry's constraints. Messages follow path_login.go's verifyCredentials.
 */
describe('cert logins over the API listener’s TLS', () => {
  let server: ServerProcess;
  let addr: string;
  let dir: string;
  let tls: TlsFiles;
  let root: string;
  let ciCA: Issued;
  let runner: Issued;
  const agents: Agent[] = [];

  const withCert = (client?: Issued) => {
    const agent = new Agent({
      connect: { ca: tls.caPem, ...(client ? { cert: client.certPem, key: client.keyPem } : {}) },
    });
    agents.push(agent);
    return agent;
  };
  const loginWith = (client: Issued | undefined, body: Record<string, unknown> = {}) =>
    api(addr, 'auth/cert/login', { body, dispatcher: withCert(client) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-cert-'));
    tls = await makeTlsFiles(dir);
    const config = join(dir, 'hvr.hcl');
    await writeFile(
      config,
      `storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_cert_file = "${tls.certFile}"\n  tls_key_file = "${tls.keyFile}"\n}\n`,
    );
    server = await startServerProcess(['-config', config]);
    addr = server.address;
    const trusted = withCert();
    const init = await api(addr, 'sys/init', {
      body: { secret_shares: 1, secret_threshold: 1 },
      dispatcher: trusted,
    });
    root = String(init.json?.root_token);
    await api(addr, 'sys/unseal', {
      body: { key: (init.json?.keys_base64 as string[] | undefined)?.[0] },
      dispatcher: trusted,
    });
    await api(addr, 'sys/auth/cert', { token: root, body: { type: 'cert' }, dispatcher: trusted });
    await api(addr, 'sys/policies/acl/ci', {
      token: root,
      dispatcher: trusted,
      body: { policy: 'path "secret/*" { capabilities = ["read"] }' },
    });
    ciCA = await makeClientCA('ci pki');
    runner = await makeClientCert('ci-runner-7', ciCA);
    const made = await api(addr, 'auth/cert/certs/ci', {
      token: root,
      dispatcher: trusted,
      body: {
        certificate: ciCA.certPem,
        allowed_common_names: 'ci-runner-*',
        token_policies: 'ci',
        token_ttl: '15m',
      },
    });
    expect(made.status).toBe(204);
  });
  afterAll(async () => {
    for (const agent of agents) await agent.close();
    await server?.stop();
  });

  test('hvr login -method=cert with -client-cert/-client-key, as a CI job runs it', async () => {
    const certFile = join(dir, 'runner.pem');
    const keyFile = join(dir, 'runner-key.pem');
    await writeFile(certFile, runner.certPem);
    await writeFile(keyFile, runner.keyPem, { mode: 0o600 });
    const home = await mkdtemp(join(tmpdir(), 'hvr-cert-home-'));
    const login = await runCli(
      [
        'login',
        '-method=cert',
        `-client-cert=${certFile}`,
        `-client-key=${keyFile}`,
        `-ca-cert=${tls.caFile}`,
        '-format=json',
      ],
      { env: { VAULT_ADDR: addr, HOME: home, HVR_HOME: home } },
    );
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    const auth = (JSON.parse(login.stdout) as { auth: Record<string, unknown> }).auth;
    expect(auth).toMatchObject({
      policies: ['ci', 'default'],
      lease_duration: 900,
      metadata: { cert_name: 'ci', common_name: 'ci-runner-7' },
    });
    const self = dataOf(
      await api(addr, 'auth/token/lookup-self', { token: String(auth.client_token), dispatcher: withCert() }),
    );
    expect(self.display_name).toBe('cert-ci');
  });

  test('refusals: no certificate, an unknown CA, a name outside the constraints, an expired certificate', async () => {
    const none = await loginWith(undefined);
    expect([none.status, errorsOf(none)]).toEqual([400, ['client certificate must be supplied']]);

    const stranger = await makeClientCert('ci-runner-1', await makeClientCA('someone else'));
    const unknown = await loginWith(stranger);
    expect([unknown.status, errorsOf(unknown)]).toEqual([
      400,
      ['invalid certificate or no client certificate supplied'],
    ]);

    const laptop = await makeClientCert('laptop', ciCA);
    const outside = await loginWith(laptop);
    expect([outside.status, errorsOf(outside)]).toEqual([
      400,
      ['no chain matching all constraints could be found for this login certificate'],
    ]);

    const expired = await makeClientCert('ci-runner-old', ciCA, { notAfter: new Date(Date.now() - 60_000) });
    const stale = await loginWith(expired);
    expect(stale.status).toBe(500);
    expect(String((errorsOf(stale) as string[])[0])).toContain("failed to verify client's certificate");

    expect(authOf(await loginWith(runner)).policies).toEqual(['ci', 'default']);
  });

  test('a registered non-CA certificate logs in as itself; `name` limits the login to one entry', async () => {
    const bot = await makeClientCert('release-bot');
    const trusted = withCert();
    await api(addr, 'auth/cert/certs/bot', {
      token: root,
      dispatcher: trusted,
      body: { certificate: bot.certPem, token_policies: 'ci' },
    });
    const ok = await loginWith(bot);
    expect(authOf(ok).metadata).toMatchObject({ cert_name: 'bot', common_name: 'release-bot' });
    const wrongEntry = await loginWith(bot, { name: 'ci' });
    expect(errorsOf(wrongEntry)).toEqual(['invalid certificate or no client certificate supplied']);

    const read = dataOf(await api(addr, 'auth/cert/certs/ci', { token: root, dispatcher: trusted }));
    expect(read).toMatchObject({
      allowed_common_names: ['ci-runner-*'],
      token_policies: ['ci'],
      token_ttl: 900,
      display_name: 'ci',
    });
    const list = dataOf(await api(addr, 'auth/cert/certs?list=true', { token: root, dispatcher: trusted }));
    expect(list.keys).toEqual(['bot', 'ci']);
    const bad = await api(addr, 'auth/cert/certs/junk', {
      token: root,
      dispatcher: trusted,
      body: { certificate: 'not a pem' },
    });
    expect([bad.status, errorsOf(bad)]).toEqual([400, ['failed to parse certificate']]);
  });
});
