import { webcrypto } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, Client, request } from 'undici';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { Request as CoreRequest, Response as CoreResponse } from '../../src/logical/request.js';
import { createApiHandler } from '../../src/server/api-handler.js';
import type { ConnectionInfo } from '../../src/server/connection-info.js';
import { type ListenerOptions, startListener } from '../../src/server/node-listener.js';
import 'reflect-metadata';

const x509 = await import('@peculiar/x509');
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

interface Pem {
  cert: string;
  key: string;
}

/** A self-signed ECDSA P-256 certificate for 127.0.0.1 / localhost, usable as its own CA. */
async function selfSigned(commonName: string): Promise<Pem> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([
        x509.ExtendedKeyUsage.serverAuth,
        x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const key = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  return { cert: cert.toString('pem'), key };
}

/** The API over an in-test core that echoes what it was asked. */
function echoApi(maxRequestBytes?: number) {
  const seen: CoreRequest[] = [];
  const handler = createApiHandler({
    ...(maxRequestBytes === undefined ? {} : { maxRequestBytes }),
    handle: async (req): Promise<CoreResponse | null> => {
      seen.push(req);
      if (req.operation === 'read' && req.path === 'secret/missing') return null;
      return { data: { path: req.path, operation: req.operation, ...req.data }, mountType: 'kv' };
    },
  });
  return { handler, seen };
}

async function listen(opts: Omit<ListenerOptions, 'host' | 'port'>) {
  const listener = await startListener({ host: '127.0.0.1', port: 0, ...opts });
  onTestFinished(() => listener.close());
  return listener;
}

describe('plain HTTP', () => {
  test('serves the API on an OS-chosen port', async () => {
    const { handler } = echoApi();
    const listener = await listen({ handler });
    expect(listener.port).toBeGreaterThan(0);
    expect(listener.address).toBe(`http://127.0.0.1:${listener.port}`);

    const res = await request(`${listener.address}/v1/secret/foo?a=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = (await res.body.json()) as { data: Record<string, unknown>; mount_type: string };
    expect(body.data).toEqual({ path: 'secret/foo', operation: 'read', a: '1' });
    expect(body.mount_type).toBe('kv');
  });

  test('passes the body, the remote address and the raw target through', async () => {
    const { handler, seen } = echoApi();
    const listener = await listen({ handler });
    const res = await request(`${listener.address}/v1/secret//foo`, {
      method: 'PUT',
      body: JSON.stringify({ value: 'bar' }),
      headers: { 'content-type': 'application/json', 'x-vault-token': 'hvs.t' },
    });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    expect(seen[0]).toMatchObject({
      operation: 'update',
      path: 'secret/foo',
      data: { value: 'bar' },
      token: 'hvs.t',
      remoteAddress: '127.0.0.1',
    });

    // A Client sends `path` verbatim; URL-based calls would resolve the dots before sending.
    const client = new Client(listener.address);
    onTestFinished(() => client.close());
    const dots = await client.request({ method: 'GET', path: '/v1/secret/../sys/seal' });
    expect(dots.statusCode).toBe(400);
    expect(await dots.body.json()).toEqual({ errors: ['path cannot contain parent references'] });
  });

  test('404 without a body, 204, HEAD', async () => {
    const { handler } = echoApi();
    const listener = await listen({ handler });
    const missing = await request(`${listener.address}/v1/secret/missing`);
    expect(missing.statusCode).toBe(404);
    expect(await missing.body.text()).toBe('{"errors":[]}\n');

    const head = await request(`${listener.address}/v1/secret/foo`, { method: 'HEAD' });
    expect(head.statusCode).toBe(200);
    expect(await head.body.text()).toBe('');
  });

  test('honours the body limit over the wire', async () => {
    const { handler, seen } = echoApi(1024);
    const listener = await listen({ handler });
    const res = await request(`${listener.address}/v1/secret/foo`, {
      method: 'POST',
      body: JSON.stringify({ value: 'x'.repeat(4096) }),
    });
    expect(res.statusCode).toBe(413);
    expect(await res.body.json()).toEqual({ errors: ['error parsing JSON'] });
    expect(seen).toHaveLength(0);
  });

  test('a handler that throws is a bare 500', async () => {
    const listener = await listen({
      handler: async () => {
        throw new Error('boom');
      },
    });
    const res = await request(`${listener.address}/v1/x`);
    expect(res.statusCode).toBe(500);
    expect(await res.body.text()).toBe('');
  });

  test('close() lets an in-flight request finish, then refuses connections', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const listener = await startListener({
      host: '127.0.0.1',
      port: 0,
      handler: async (_req: Request, _info: ConnectionInfo) => {
        entered();
        await gate;
        return new Response('done', { status: 200 });
      },
    });
    const inFlight = request(`${listener.address}/v1/slow`);
    await inside;
    const closed = listener.close();
    release();
    const res = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(await res.body.text()).toBe('done');
    await closed;
    await expect(request(`${listener.address}/v1/slow`)).rejects.toThrow();
  });

  test('close() does not wait for idle keep-alive connections', async () => {
    const { handler } = echoApi();
    const listener = await startListener({ host: '127.0.0.1', port: 0, handler });
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    onTestFinished(() => agent.close());
    const res = await request(`${listener.address}/v1/secret/foo`, { dispatcher: agent });
    await res.body.dump();
    const started = Date.now();
    await listener.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('HTTPS', () => {
  let dir = '';
  let server: Pem;
  let client: Pem;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-listener-'));
    server = await selfSigned('hvr-test-server');
    client = await selfSigned('hvr-test-client');
    await writeFile(file('server.crt'), server.cert);
    await writeFile(file('server.key'), server.key);
    await writeFile(file('client-ca.crt'), client.cert);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('serves over TLS and refuses plain HTTP on the same port', async () => {
    const { handler } = echoApi();
    const listener = await listen({
      handler,
      tls: { certFile: file('server.crt'), keyFile: file('server.key') },
    });
    expect(listener.address).toBe(`https://127.0.0.1:${listener.port}`);

    const agent = new Agent({ connect: { ca: server.cert } });
    onTestFinished(() => agent.close());
    const res = await request(`${listener.address}/v1/secret/foo`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ data: { path: 'secret/foo' } });

    const untrusting = new Agent();
    onTestFinished(() => untrusting.close());
    await expect(request(`${listener.address}/v1/secret/foo`, { dispatcher: untrusting })).rejects.toThrow();

    await expect(request(`http://127.0.0.1:${listener.port}/v1/secret/foo`)).rejects.toThrow();
  });

  test('requires a client certificate from the configured CA when asked to', async () => {
    const { handler } = echoApi();
    const listener = await listen({
      handler,
      tls: {
        certFile: file('server.crt'),
        keyFile: file('server.key'),
        clientCAFile: file('client-ca.crt'),
        requireClientCert: true,
      },
    });
    const anonymous = new Agent({ connect: { ca: server.cert } });
    onTestFinished(() => anonymous.close());
    await expect(request(`${listener.address}/v1/secret/foo`, { dispatcher: anonymous })).rejects.toThrow();

    const stranger = await selfSigned('stranger');
    const wrongCA = new Agent({ connect: { ca: server.cert, cert: stranger.cert, key: stranger.key } });
    onTestFinished(() => wrongCA.close());
    await expect(request(`${listener.address}/v1/secret/foo`, { dispatcher: wrongCA })).rejects.toThrow();

    const known = new Agent({ connect: { ca: server.cert, cert: client.cert, key: client.key } });
    onTestFinished(() => known.close());
    const res = await request(`${listener.address}/v1/secret/foo`, { dispatcher: known });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
  });
});

describe('methods on the wire', () => {
  test('LIST is served as GET ?list=true, over HTTP and HTTPS, on a kept-alive connection', async () => {
    const { handler, seen } = echoApi();
    const dir = await mkdtemp(join(tmpdir(), 'hvr-list-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const pem = await selfSigned('localhost');
    await writeFile(join(dir, 'cert.pem'), pem.cert);
    await writeFile(join(dir, 'key.pem'), pem.key);
    const plain = await listen({ handler });
    const secure = await listen({
      handler,
      tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
    });
    for (const listener of [plain, secure]) {
      const client = new Client(listener.address, { connect: { ca: pem.cert }, pipelining: 3 });
      onTestFinished(() => client.destroy());
      const sockets = new Set<unknown>();
      client.on('connect', (_origin, [socket]) => sockets.add(socket));
      const answers = await Promise.all([
        client.request({ method: 'LIST', path: '/v1/secret/' }),
        client.request({ method: 'PUT', path: '/v1/secret/a', body: '{"b":1}' }),
        client.request({ method: 'LIST', path: '/v1/secret/x?y=1' }),
        client.request({ method: 'FOO', path: '/v1/secret/' }),
      ]);
      const bodies = await Promise.all(answers.map((a) => a.body.text()));
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 405]);
      expect(JSON.parse(bodies[0] as string)).toMatchObject({ data: { operation: 'list', path: 'secret/' } });
      expect(JSON.parse(bodies[2] as string)).toMatchObject({ data: { operation: 'list', y: '1' } });
      expect(JSON.parse(bodies[3] as string)).toEqual({ errors: [] });
      expect(sockets.size).toBe(1);
    }
    // The method header the rewriter adds never reaches the core.
    expect(seen.every((req) => Object.keys(req.headers).every((h) => !h.startsWith('x-hvr-method')))).toBe(
      true,
    );
  });
});
