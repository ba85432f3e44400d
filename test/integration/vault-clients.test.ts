import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { freePort } from '../helpers/free-port.js';
import { initAndUnseal } from '../helpers/persistent-node.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';

/**
 * What hvac 0.11.2 and node-vault 0.12.0 send, against real `hvr server` processes started
 * from the configs those libraries' own test suites use (`backend "inmem"`, `tls_disable = 1`).
 */
interface RawAnswer {
  status: number;
  body: string;
}

/** Reads HTTP/1.1 answers with Content-Length bodies off one kept-alive socket. */
function answers(socket: Socket) {
  let buffered = Buffer.alloc(0);
  const waiting: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (const wake of waiting.splice(0)) wake();
  });
  return async function next(): Promise<RawAnswer> {
    for (;;) {
      const headEnd = buffered.indexOf('\r\n\r\n');
      if (headEnd >= 0) {
        const head = buffered.subarray(0, headEnd).toString('latin1');
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? '0');
        if (buffered.length >= headEnd + 4 + length) {
          const body = buffered.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
          buffered = buffered.subarray(headEnd + 4 + length);
          return { status: Number(head.split(' ')[1]), body };
        }
      }
      if (socket.destroyed) throw new Error('connection closed before a whole answer arrived');
      await new Promise<void>((wake) => waiting.push(wake));
    }
  };
}

/** A request as python-requests (hvac) writes it. */
const hvacRequest = (method: string, path: string, token: string, body?: string) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: python-requests/2.31.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\nConnection: keep-alive\r\nX-Vault-Token: ${token}\r\nX-Vault-Request: true\r\n${
    body === undefined
      ? ''
      : `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
  }\r\n${body ?? ''}`;

describe('what Vault client libraries send', () => {
  let dir: string;
  let plain: ServerProcess;
  let secure: ServerProcess;
  let tls: TlsFiles;
  let token: string;
  let tlsToken: string;
  let agent: Agent;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-clients-'));
    tls = await makeTlsFiles(dir);
    const [p1, p2, c1] = await Promise.all([freePort(), freePort(), freePort()]);
    // node-vault's test config, word for word but the port; then hvac's, with TLS.
    await writeFile(
      join(dir, 'node-vault.hcl'),
      `backend "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:${p1}"\n  tls_disable = 1\n}\ndisable_mlock = true\ncluster_addr = "https://127.0.0.1:${c1}"\n`,
    );
    await writeFile(
      join(dir, 'hvac.hcl'),
      `backend "inmem" {\n}\nlistener "tcp" {\n  address = "127.0.0.1:${p2}"\n  tls_cert_file = "${tls.certFile}"\n  tls_key_file = "${tls.keyFile}"\n}\ndisable_mlock = true\ndefault_lease_ttl = "768h"\nmax_lease_ttl = "768h"\n`,
    );
    agent = new Agent({ connect: { ca: tls.caPem } });
    [plain, secure] = await Promise.all([
      startServerProcess(['-config', join(dir, 'node-vault.hcl')]),
      startServerProcess(['-config', join(dir, 'hvac.hcl')], { home: dir }),
    ]);
    token = (await initAndUnseal(plain.address)).rootToken;
    const init = await api(secure.address, 'sys/init', {
      dispatcher: agent,
      body: { secret_shares: 1, secret_threshold: 1 },
    });
    tlsToken = String(init.json?.root_token);
    await api(secure.address, 'sys/unseal', {
      dispatcher: agent,
      body: { key: (init.json?.keys as string[] | undefined)?.[0] },
    });
    for (const [address, t, dispatcher] of [
      [plain.address, token, undefined],
      [secure.address, tlsToken, agent],
    ] as const) {
      const mounted = await api(address, 'sys/mounts/kvv1', {
        token: t,
        body: { type: 'generic' },
        ...(dispatcher ? { dispatcher } : {}),
      });
      expect(mounted.status).toBe(204);
      await api(address, 'kvv1/hvac', { token: t, body: { a: 1 }, ...(dispatcher ? { dispatcher } : {}) });
    }
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), secure?.stop(), agent?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('LIST over one kept-alive connection, plain and TLS; unknown verbs get a 405', async () => {
    for (const [address, t] of [
      [plain.address, token],
      [secure.address, tlsToken],
    ] as const) {
      const url = new URL(address);
      const socket =
        url.protocol === 'https:'
          ? tlsConnect({ host: url.hostname, port: Number(url.port), ca: tls.caPem, servername: 'localhost' })
          : netConnect({ host: url.hostname, port: Number(url.port) });
      const next = answers(socket);
      try {
        socket.write(hvacRequest('LIST', '/v1/kvv1/', t));
        const listed = await next();
        expect(listed.status).toBe(200);
        expect(JSON.parse(listed.body).data).toEqual({ keys: ['hvac'] });
        // The body of a PUT and the next LIST arrive together, split mid-line from the one before.
        const bytes =
          hvacRequest('PUT', '/v1/kvv1/other', t, '{"b":2}') + hvacRequest('LIST', '/v1/kvv1/', t);
        socket.write(bytes.slice(0, 40));
        socket.write(bytes.slice(40));
        expect((await next()).status).toBe(204);
        // Node runs pipelined requests side by side, so the list may or may not see `other` yet.
        expect(JSON.parse((await next()).body).data.keys).toContain('hvac');
        socket.write(hvacRequest('LIST', '/v1/kvv1/', t));
        expect(JSON.parse((await next()).body).data).toEqual({ keys: ['hvac', 'other'] });
        socket.write(hvacRequest('LIST', '/v1/kvv1/nothing/', t));
        expect(await next()).toEqual({ status: 404, body: '{"errors":[]}\n' });
        socket.write(hvacRequest('LIST', '/v1/auth/token/accessors', t));
        expect((await next()).status).toBe(200);
        socket.write(hvacRequest('FROB', '/v1/kvv1/', t));
        expect(await next()).toEqual({ status: 405, body: '{"errors":[]}\n' });
        expect(socket.destroyed).toBe(false);
      } finally {
        socket.destroy();
      }
    }
  });

  test('?help=1 answers from the path declarations; sys/internal/specs/openapi covers the API', async () => {
    const mounts = await api(plain.address, 'sys/mounts?help=1', { token });
    expect(mounts.status).toBe(200);
    expect(Object.keys(mounts.json ?? {}).sort()).toEqual(['help', 'openapi']);
    const kv = await api(plain.address, 'auth/token/create?help=1', { token });
    const help = String(kv.json?.help);
    expect(help).toContain('Request:        auth/token/create');
    expect(help).toMatch(/## PARAMETERS\n\n[\s\S]*policies \(slice\)/);
    expect(help).toMatch(/ttl \(duration \(sec\)\)/);
    const openapi = kv.json?.openapi as { paths: Record<string, { post?: unknown }> };
    expect(openapi.paths['/auth/token/create']?.post).toBeDefined();
    const rekeyHelp = await api(plain.address, 'sys/rekey/init?help=1', { token });
    expect(String(rekeyHelp.json?.help)).toContain(
      'secret_shares (int)\n\n    Number of key shares to split the new unseal key into.',
    );
    expect((await api(plain.address, 'sys/mounts?help=1')).status).toBe(403);

    const spec = await api(plain.address, 'sys/internal/specs/openapi');
    expect(spec.json?.openapi).toBe('3.0.2');
    const paths = Object.keys(spec.json?.paths as Record<string, unknown>);
    expect(paths).toEqual(expect.arrayContaining(['/sys/rekey/init', '/kvv1/{path}', '/auth/token/lookup']));
  });

  test('empty maps, step-down, remount of a generic mount, legacy lease paths', async () => {
    const audit = await api(plain.address, 'sys/audit', { token });
    expect(audit.status).toBe(200);
    expect(audit.json?.data).toEqual({});
    expect((await api(plain.address, 'sys/step-down', { token, method: 'PUT' })).status).toBe(204);

    expect(dataOf(await api(plain.address, 'sys/mounts/kvv1', { token })).type).toBe('kv');
    const moved = await api(plain.address, 'sys/remount', {
      token,
      body: { from: 'kvv1', to: 'kvv1-moved' },
    });
    expect(moved.status).toBe(200);
    const id = String(moved.json?.migration_id);
    expect(dataOf(moved).migration_id).toBe(id);
    const status = await api(plain.address, `sys/remount/status/${id}`, { token });
    expect(dataOf(status)).toEqual({
      migration_id: id,
      migration_info: { source_mount: 'kvv1', target_mount: 'kvv1-moved', status: 'success' },
    });
    expect(dataOf(await api(plain.address, 'kvv1-moved/hvac', { token }))).toEqual({ a: 1 });
    expect((await api(plain.address, 'kvv1/hvac', { token })).status).toBe(404);
    const again = await api(plain.address, 'sys/remount', { token, body: { from: 'kvv1', to: 'x' } });
    expect(again.json?.errors).toEqual(['no matching mount at "kvv1/"']);

    // Login leases: sys/revoke and sys/revoke-prefix revoke them like sys/leases/revoke*.
    const child = async () => {
      const created = await api(plain.address, 'auth/token/create', { token, body: { ttl: '1h' } });
      const auth = created.json?.auth as { client_token: string; accessor: string };
      const lookup = await api(plain.address, 'auth/token/lookup-accessor', {
        token,
        body: { accessor: auth.accessor },
      });
      return { token: auth.client_token, leaseId: `auth/token/create/${String(dataOf(lookup).id ?? '')}` };
    };
    const leases = await api(plain.address, 'sys/leases/lookup/auth/token/create/?list=true', { token });
    const before = (dataOf(leases).keys as string[] | undefined) ?? [];
    const one = await child();
    const listed = await api(plain.address, 'sys/leases/lookup/auth/token/create/?list=true', { token });
    const [leaseSuffix] = (dataOf(listed).keys as string[]).filter((k) => !before.includes(k));
    const renew = await api(plain.address, 'sys/renew', {
      token,
      body: { lease_id: `auth/token/create/${leaseSuffix}` },
    });
    expect(renew.json?.errors).toEqual(['tokens cannot be renewed through this endpoint']);
    expect(
      (
        await api(plain.address, 'sys/revoke', {
          token,
          body: { lease_id: `auth/token/create/${leaseSuffix}` },
        })
      ).status,
    ).toBe(204);
    expect((await api(plain.address, 'auth/token/lookup-self', { token: one.token })).status).toBe(403);
    const two = await child();
    expect(
      (await api(plain.address, 'sys/revoke-prefix/auth/token/create', { token, method: 'PUT' })).status,
    ).toBe(204);
    expect((await api(plain.address, 'auth/token/lookup-self', { token: two.token })).status).toBe(403);
    expect(
      (await api(plain.address, 'sys/revoke-force/auth/token/create', { token, method: 'PUT' })).status,
    ).toBe(204);
  });

  test("the activation JWT carries Vault's claims, accessor empty", async () => {
    await api(plain.address, 'sys/replication/dr/primary/enable', { token, body: {} });
    const res = await api(plain.address, 'sys/replication/dr/primary/secondary-token', {
      token,
      body: { id: 's1' },
    });
    const jwt = String((res.json?.wrap_info as { token?: string } | undefined)?.token);
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(Object.keys(claims).sort()).toEqual(['accessor', 'addr', 'exp', 'iat', 'jti', 'nbf', 'type']);
    expect(claims.accessor).toBe('');
    expect(claims.type).toBe('wrapping');
  });
});
