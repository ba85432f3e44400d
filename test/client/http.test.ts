import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import {
  ClientError,
  ConnectionError,
  RedirectError,
  ResponseError,
  TimeoutError,
  TlsError,
} from '../../src/client/errors.js';
import { HttpClient } from '../../src/client/http.js';
import type { HttpClientOptions } from '../../src/client/http-options.js';
import { logical } from '../../src/client/logical.js';
import { type RunningNode, startNode } from '../../src/server/node.js';
import { makeTlsFiles, type TlsFiles } from '../helpers/tls-files.js';

function client(opts: HttpClientOptions): HttpClient {
  const c = new HttpClient({ maxRetries: 0, ...opts });
  onTestFinished(() => c.close());
  return c;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A bare HTTP server on 127.0.0.1:0 that records what it received. */
async function stubServer(handler: Handler): Promise<{ address: string; server: Server; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      handler(req, res, body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });
  return { address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, seen };
}

/** A port nothing listens on: bind, read the port, close. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

describe('HttpClient against a real node', () => {
  let node: RunningNode;
  beforeAll(async () => {
    node = await startNode({
      storage: { kind: 'memory' },
      listener: { host: '127.0.0.1', port: 0 },
      dev: { kv: 'v2', rootTokenId: 'root' },
    });
  });
  afterAll(async () => {
    await node.close();
  });

  test('writes, reads and lists KV v2 over real HTTP', async () => {
    const api = logical(client({ address: node.address, token: 'root' }));
    const written = await api.write('secret/data/http-test', { data: { password: 'hunter2' } });
    expect(written?.data?.version).toBe(1);
    const read = await api.read('secret/data/http-test');
    expect(read?.data?.data).toEqual({ password: 'hunter2' });
    expect(read?.mount_type).toBe('kv');
    const list = await api.list('secret/metadata/');
    expect(list?.data?.keys).toContain('http-test');
    expect(await api.read('secret/data/missing')).toBeNull();
  });

  test('a server error is a ResponseError naming method, URL and errors', async () => {
    const api = logical(client({ address: node.address, token: 'not-a-token' }));
    const error = await api.read('secret/data/http-test').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    const re = error as ResponseError;
    expect(re.statusCode).toBe(403);
    expect(re.url).toBe(`${node.address}/v1/secret/data/http-test`);
    expect(re.message).toMatch(
      new RegExp(
        `^Error making API request\\.\\n\\nURL: GET ${node.address}/v1/secret/data/http-test\\nCode: 403\\. Errors:\\n\\n\\* `,
      ),
    );
    expect(re.errors.join('')).toContain('permission denied');
  });

  test('sends X-Vault-Request and the token header on every request', async () => {
    const stub = await stubServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ headers: req.headers }));
    });
    const c = client({
      address: stub.address,
      token: 't0k',
      namespace: 'ns1',
      headers: { 'X-Custom': 'yes' },
    });
    const res = await c.send({ method: 'GET', path: 'sys/anything' });
    const headers = (JSON.parse(res.text) as { headers: Record<string, string> }).headers;
    expect(headers).toMatchObject({
      'x-vault-request': 'true',
      'x-vault-token': 't0k',
      'x-vault-namespace': 'ns1/',
      'x-custom': 'yes',
    });
    expect(headers['content-type']).toBeUndefined();
    const none = await c.send({ method: 'GET', path: 'sys/anything', token: '' });
    expect(
      (JSON.parse(none.text) as { headers: Record<string, string> }).headers['x-vault-token'],
    ).toBeUndefined();
  });
});

describe('transport errors', () => {
  test('connection refused names the address, as Go does', async () => {
    const port = await freePort();
    const c = client({ address: `http://127.0.0.1:${port}` });
    const error = await c.send({ method: 'GET', path: 'sys/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(ClientError);
    const ce = error as ConnectionError;
    expect(ce.code).toBe('HVR_CLIENT_CONNECTION');
    expect(ce.address).toBe(`127.0.0.1:${port}`);
    expect(ce.message).toBe(
      `Get "http://127.0.0.1:${port}/v1/sys/health": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    );
    expect((ce.cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  test("the default address is Vault's https://127.0.0.1:8200", () => {
    expect(client({}).address).toBe('https://127.0.0.1:8200');
  });

  test('an unknown host says no such host', async () => {
    const error = await client({ address: 'http://no-such-host.invalid:8200' })
      .send({ method: 'GET', path: 'sys/health' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('lookup no-such-host.invalid');
  });

  test('a request that outlives the client timeout is a TimeoutError', async () => {
    const stub = await stubServer(() => undefined); // never answers
    const c = client({ address: stub.address, timeoutMs: 200 });
    const started = Date.now();
    const error = await c.send({ method: 'GET', path: 'sys/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(
      `Get "${stub.address}/v1/sys/health": context deadline exceeded`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a plain-HTTP client talking to a TLS listener is told the server closed the connection', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hvr-tls-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const tls = await makeTlsFiles(dir);
    const server = createHttpsServer(
      { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
      (_q, r) => r.end('{}'),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
    const port = (server.address() as AddressInfo).port;
    const error = await client({ address: `http://127.0.0.1:${port}` })
      .send({ method: 'GET', path: 'sys/health' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('https://');
  });
});

describe('TLS', () => {
  let dir: string;
  let tls: TlsFiles;
  let node: RunningNode;
  let address: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-tls-'));
    tls = await makeTlsFiles(dir);
    node = await startNode({
      storage: { kind: 'memory' },
      listener: { host: '127.0.0.1', port: 0, tls: { certFile: tls.certFile, keyFile: tls.keyFile } },
      dev: { kv: 'v2', rootTokenId: 'root' },
    });
    address = node.address;
  });
  afterAll(async () => {
    await node.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a certificate from an unknown CA is a TlsError naming TLS, the problem and the address', async () => {
    const error = await client({ address })
      .send({ method: 'GET', path: 'sys/health' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    const te = error as TlsError;
    expect(te.code).toBe('HVR_CLIENT_TLS');
    expect(te.reason).toBe(
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
    );
    expect(te.message).toBe(
      `Get "${address}/v1/sys/health": tls: failed to verify certificate: x509: certificate signed by unknown authority`,
    );
    expect((te.cause as { code?: string }).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  test('the CA file, a CA directory or -tls-skip-verify make it work', async () => {
    const viaFile = await client({ address, caCert: tls.caFile }).send({ method: 'GET', path: 'sys/health' });
    expect(viaFile.status).toBe(200);
    const caDir = await mkdtemp(join(dir, 'cas-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(caDir, 'ca.pem'), tls.caPem);
    const viaDir = await client({ address, caPath: caDir }).send({ method: 'GET', path: 'sys/health' });
    expect(viaDir.status).toBe(200);
    const skipped = await client({ address, tlsSkipVerify: true }).send({
      method: 'GET',
      path: 'sys/health',
    });
    expect(skipped.status).toBe(200);
  });

  test('a name the certificate does not cover is a TlsError listing the names it does', async () => {
    const c = client({ address, caCert: tls.caFile, tlsServerName: 'other.example' });
    const error = await c.send({ method: 'GET', path: 'sys/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).reason).toBe(
      'tls: failed to verify certificate: x509: certificate is valid for localhost, not other.example',
    );
  });

  test('an HTTPS client talking to a plain-HTTP server is told so', async () => {
    const stub = await stubServer((_req, res) => res.end('{}'));
    const error = await client({ address: stub.address.replace('http:', 'https:') })
      .send({ method: 'GET', path: 'sys/health' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).reason).toBe('http: server gave HTTP response to HTTPS client');
  });

  test('a client certificate without its key is refused up front', () => {
    expect(() => new HttpClient({ address, clientCert: tls.certFile })).toThrow(
      'both client cert and client key must be provided',
    );
  });
});

describe('retries and redirects', () => {
  test('retries 5xx and 412 up to maxRetries, then returns the last answer', async () => {
    let calls = 0;
    const stub = await stubServer((_req, res) => {
      calls += 1;
      res.statusCode = calls === 1 ? 503 : calls === 2 ? 412 : 500;
      res.end('{"errors":["try later"]}');
    });
    const c = client({ address: stub.address, maxRetries: 2, minRetryWaitMs: 1, maxRetryWaitMs: 2 });
    const res = await c.send({ method: 'PUT', path: 'secret/x', body: { a: 1 } });
    expect(res.status).toBe(500);
    expect(calls).toBe(3);
    expect(stub.seen).toEqual(Array(3).fill('PUT /v1/secret/x {"a":1}'));
  });

  test('501 and 4xx are not retried; success stops the retries', async () => {
    let calls = 0;
    const stub = await stubServer((_req, res) => {
      calls += 1;
      res.statusCode = 501;
      res.end();
    });
    const c = client({ address: stub.address, maxRetries: 3, minRetryWaitMs: 1, maxRetryWaitMs: 2 });
    expect((await c.send({ method: 'GET', path: 'sys/health' })).status).toBe(501);
    expect(calls).toBe(1);
  });

  test('connection errors are retried; TLS errors are not', async () => {
    const port = await freePort();
    const c = client({
      address: `http://127.0.0.1:${port}`,
      maxRetries: 2,
      minRetryWaitMs: 1,
      maxRetryWaitMs: 2,
    });
    await expect(c.send({ method: 'GET', path: 'sys/health' })).rejects.toBeInstanceOf(ConnectionError);
  });

  test('follows one 307, re-sending the body, and not a second', async () => {
    const target = await stubServer((req, res, body) => {
      if (req.url?.startsWith('/v1/again')) {
        res.statusCode = 307;
        res.setHeader('location', '/v1/elsewhere');
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { path: req.url, body } }));
    });
    const front = await stubServer((req, res) => {
      res.statusCode = 307;
      res.setHeader('location', `${target.address}${req.url}`);
      res.end();
    });
    const c = client({ address: front.address });
    const res = await c.send({ method: 'PUT', path: 'secret/data/x', body: { data: { a: 'b' } } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { path: '/v1/secret/data/x', body: '{"data":{"a":"b"}}' } });
    const twice = await c.send({ method: 'GET', path: 'again' });
    expect(twice.status).toBe(307);
    const noFollow = client({ address: front.address, disableRedirects: true });
    expect((await noFollow.send({ method: 'GET', path: 'x' })).status).toBe(307);
  });

  test('refuses a redirect from https to http', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hvr-tls-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const tls = await makeTlsFiles(dir);
    const server = createHttpsServer(
      { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
      (_q, r) => {
        r.statusCode = 307;
        r.setHeader('location', 'http://127.0.0.1:1/v1/sys/health');
        r.end();
      },
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
    const port = (server.address() as AddressInfo).port;
    const c = client({ address: `https://127.0.0.1:${port}`, caCert: tls.caFile });
    const error = await c.send({ method: 'GET', path: 'sys/health' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toBe('redirect would cause protocol downgrade');
  });
});

describe('big integers over the wire', () => {
  test('a P-521 integer in a response and a request survives digit for digit', async () => {
    const big =
      '6864797660130609714981900799081393217269435300143305409394463459185543183397656052122559640661454554977296311391480858037121987999716643812574028291115057151';
    const stub = await stubServer((_req, res, body) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        `{"request_id":"r","lease_id":"","lease_duration":0,"renewable":false,"data":{"n":${big},"echo":${body || 'null'}},"warnings":null}\n`,
      );
    });
    const api = logical(client({ address: stub.address }));
    const secret = await api.write('sys/replication/dr/secondary/enable', { value: BigInt(big) });
    expect(secret?.data?.n).toBe(BigInt(big));
    expect(stub.seen[0]).toBe(`PUT /v1/sys/replication/dr/secondary/enable {"value":${big}}`);
    expect(secret?.data?.echo).toEqual({ value: BigInt(big) });
  });
});
