import diagnostics from 'node:diagnostics_channel';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { type PeerCertificate, TLSSocket } from 'node:tls';
import type { ConnectionInfo } from './connection-info.js';
import { METHOD_HEADER, rewriteExtensionMethods } from './extension-methods.js';
import { type KnownBody, knownBody, withKnownBody } from './known-body.js';

/**
 * The only file that touches node:http / node:https: it turns an IncomingMessage into a web
 * Request, hands it to `handler`, and writes the web Response back. Nothing else happens here.
 */
export interface ListenerTLS {
  certFile: string;
  keyFile: string;
  /** PEM bundle of CAs whose client certificates are accepted (asked for, verified). */
  clientCAFile?: string;
  /** Refuse the TLS handshake without a valid client certificate. */
  requireClientCert?: boolean;
}

export interface ListenerOptions {
  host: string;
  /** 0 lets the OS pick a free port. */
  port: number;
  tls?: ListenerTLS;
  handler: (req: globalThis.Request, info: ConnectionInfo) => Promise<globalThis.Response>;
  /** How long close() waits for in-flight requests before cutting their connections; default 10 s. */
  closeGraceMs?: number;
  /** Accept methods Node's parser does not know, such as LIST (extension-methods.ts); default true. */
  extensionMethods?: boolean;
  /** issue 9: Vault's http_* timeouts in seconds (0 = none); absent = Node's own. */
  timeouts?: { readHeader: number; read: number; write: number; idle: number };
}

export interface Listener {
  /** e.g. `http://127.0.0.1:8200` */
  readonly address: string;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish, closes keep-alive connections. */
  close(): Promise<void>;
}

const BODYLESS_METHODS = new Set(['GET', 'HEAD']);

/** Failures the listener had to answer itself (unreadable request, handler threw); for loggers. */
export const listenerErrors = diagnostics.channel('hvr:listener-error');

/**
 * The request body as a web stream that reads only when pulled. Cancelling it just stops
 * reading (it does not destroy the socket), so an answer such as 413 can still be written.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  const onData = (chunk: Buffer) => {
    controller?.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller?.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    detach();
    controller?.close();
  };
  const onError = (error: Error) => {
    detach();
    controller?.error(error);
  };
  const onClose = () => {
    if (!req.readableEnded) onError(new Error('request body aborted'));
  };
  const detach = () => {
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
  };
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        req.pause();
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
        req.on('close', onClose);
      },
      pull() {
        req.resume();
      },
      cancel() {
        detach();
        req.pause();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** A body declared (Content-Length) at most this long is read before the handler is called. */
const PREREAD_MAX_BYTES = 64 * 1024;

/** Whether `req` declares a body small enough to read before the handler runs. */
function hasSmallBody(req: IncomingMessage, method: string): boolean {
  if (BODYLESS_METHODS.has(method)) return false;
  const declared = req.headers['content-length'];
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= PREREAD_MAX_BYTES;
}

/** Reads a whole (small) body; an Error when the request failed or was aborted first. */
function readSmallBody(req: IncomingMessage): Promise<Buffer | Error> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = (result: Buffer | Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', finish);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
    };
    const onEnd = () => finish(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks));
    const onClose = () => {
      if (!req.readableEnded) finish(new Error('request body aborted'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', finish);
    req.on('close', onClose);
  });
}

/** A body stream that fails on first read, as bodyStream does when the request breaks off. */
function failedBody(error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(error);
    },
  });
}

/**
 * The web Request for `req`. `preread` is the body when the listener already read it (a small
 * one): the Request then carries those bytes, and they are registered as its known body.
 */
function toWebRequest(
  req: IncomingMessage,
  method: string,
  origin: string,
  preread: Buffer | Error | undefined,
): globalThis.Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    if (name.length === METHOD_HEADER.length && name.toLowerCase() === METHOD_HEADER) continue;
    headers.append(name, req.rawHeaders[i + 1] ?? '');
  }
  // Origin-form targets are appended (so `//x` stays a path), absolute-form ones parsed as they are.
  const target = req.url ?? '/';
  const url = new URL(target.startsWith('/') ? origin + target : target);
  if (BODYLESS_METHODS.has(method)) return new Request(url, { method, headers });
  if (preread instanceof Error) {
    return new Request(url, { method, headers, body: failedBody(preread), duplex: 'half' });
  }
  if (preread !== undefined) {
    return withKnownBody(new Request(url, { method, headers, body: preread, duplex: 'half' }), preread);
  }
  return new Request(url, { method, headers, body: bodyStream(req), duplex: 'half' });
}

const byteLength = (body: KnownBody): number =>
  typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;

/**
 * Writes `response` as one head and one body: every header in a single writeHead, then the
 * whole body in res.end, so Node sends the answer with one write.
 */
async function writeWebResponse(
  response: globalThis.Response,
  res: ServerResponse,
  closeConnection: boolean,
): Promise<void> {
  const known = knownBody(response);
  const body =
    known !== undefined ? known : response.body === null ? null : Buffer.from(await response.arrayBuffer());
  // Ordered as setHeader would leave them: a later value replaces an earlier one in place.
  const fields = new Map<string, string>();
  if (closeConnection) fields.set('connection', 'close');
  for (const [name, value] of response.headers) fields.set(name, value);
  if (body !== null) fields.set('content-length', String(byteLength(body)));
  const head: string[] = [];
  for (const [name, value] of fields) head.push(name, value);
  res.writeHead(response.status, head);
  if (body === null) res.end();
  else if (typeof body === 'string') res.end(body, 'utf8');
  else res.end(body);
}

/** Most a refused body (413) is read and discarded so the client can finish sending and see the answer. */
const MAX_DRAIN_BYTES = 128 * 1024 * 1024;

/**
 * Reads and discards what the handler left unread, like Go's server does, so a client still
 * writing its body reads our answer instead of failing with EPIPE. False when it gave up.
 */
function drainUnread(req: IncomingMessage): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (drained: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onEnd);
      resolve(drained);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > MAX_DRAIN_BYTES) finish(false);
    };
    const onEnd = () => finish(req.readableEnded);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onEnd);
    req.resume();
  });
}

function failBare(res: ServerResponse, status: number, error: unknown): void {
  listenerErrors.publish({ status, error });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('content-length', 0);
  res.end();
}

/**
 * The request's method: the one the parser saw, or the one extension-methods.ts moved into a
 * header (`LIST`). Fetch forbids TRACK in a Request; it becomes a token no route serves (405).
 */
function extensionMethod(req: IncomingMessage): string {
  const moved = req.headers[METHOD_HEADER];
  if (typeof moved !== 'string') return req.method ?? 'GET';
  return moved.toUpperCase() === 'TRACK' ? 'UNSUPPORTED-METHOD' : moved;
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  handler: ListenerOptions['handler'],
  closing: () => boolean,
): Promise<void> {
  const method = extensionMethod(req);
  const preread = hasSmallBody(req, method) ? await readSmallBody(req) : undefined;
  let webRequest: globalThis.Request;
  try {
    webRequest = toWebRequest(req, method, origin, preread);
  } catch (error) {
    failBare(res, 400, error);
    return;
  }
  const info: ConnectionInfo = {
    target: req.url ?? '/',
    ...(req.socket.remoteAddress === undefined ? {} : { remoteAddress: req.socket.remoteAddress }),
    ...(req.socket instanceof TLSSocket ? { peerCertificates: peerChain(req.socket) } : {}),
  };
  try {
    const response = await handler(webRequest, info);
    let closeConnection = closing();
    // A request the parser has seen whole needs no draining: Node discards what is left unread.
    if (!req.complete && !(await drainUnread(req))) closeConnection = true;
    await writeWebResponse(response, res, closeConnection);
  } catch (error) {
    failBare(res, 500, error);
  }
}

/** The client's chain as DER, leaf first, read only when someone asks (auth/cert login). */
function peerChain(socket: TLSSocket): () => readonly Uint8Array[] {
  return () => {
    const chain: Uint8Array[] = [];
    let cert: PeerCertificate | undefined = socket.getPeerCertificate(true);
    while (cert?.raw !== undefined && !chain.some((c) => Buffer.compare(c, cert?.raw ?? c) === 0)) {
      chain.push(cert.raw);
      cert = (cert as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
    }
    return chain;
  };
}

async function tlsOptions(tls: ListenerTLS): Promise<https.ServerOptions> {
  const [cert, key, ca] = await Promise.all([
    readFile(tls.certFile),
    readFile(tls.keyFile),
    tls.clientCAFile === undefined ? undefined : readFile(tls.clientCAFile),
  ]);
  return {
    cert,
    key,
    minVersion: 'TLSv1.2',
    ...(ca === undefined ? {} : { ca }),
    // Vault's listener asks every client for a certificate (auth/cert reads it) and requires
    // one only when told to; the cert backend does its own verification.
    requestCert: true,
    rejectUnauthorized: tls.requireClientCert === true,
  };
}

function formatAddress(scheme: string, address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

/** Starts an HTTP or HTTPS listener and resolves once it is accepting connections. */
export async function startListener(opts: ListenerOptions): Promise<Listener> {
  const scheme = opts.tls === undefined ? 'http' : 'https';
  let origin = `${scheme}://localhost`;
  let closing = false;
  const writeMs = (opts.timeouts?.write ?? 0) * 1000;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    if (writeMs > 0) {
      // Go's WriteTimeout: the whole answer must be written within this after the headers.
      const timer = setTimeout(() => req.socket.destroy(), writeMs);
      res.once('close', () => clearTimeout(timer));
    }
    void serve(req, res, origin, opts.handler, () => closing);
  };
  const t = opts.timeouts;
  // ---- issue 9: http_read_header_timeout, http_read_timeout, http_idle_timeout ----
  const timing: http.ServerOptions = t
    ? {
        // Go falls back to the read timeout for a zero header/idle timeout; Node insists the
        // header timeout is not above the request timeout.
        headersTimeout:
          (t.readHeader > 0 && (t.read === 0 || t.readHeader < t.read) ? t.readHeader : t.read) * 1000,
        requestTimeout: t.read * 1000,
        keepAliveTimeout: (t.idle > 0 ? t.idle : t.read) * 1000,
        // Node checks both timeouts on this tick (30 s by default): check often enough.
        connectionsCheckingInterval: Math.max(250, Math.min(t.readHeader || 30, t.read || 30) * 250),
      }
    : {};
  const server =
    opts.tls === undefined
      ? http.createServer(timing, listener)
      : https.createServer({ ...(await tlsOptions(opts.tls)), ...timing }, listener);
  if (opts.extensionMethods !== false) {
    rewriteExtensionMethods(server, opts.tls === undefined ? 'connection' : 'secureConnection');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const address = formatAddress(scheme, bound);
  origin = address;

  const close = () =>
    new Promise<void>((resolve, reject) => {
      closing = true;
      const grace = setTimeout(() => server.closeAllConnections(), opts.closeGraceMs ?? 10_000);
      grace.unref();
      server.close((error) => {
        clearTimeout(grace);
        if (error) reject(error);
        else resolve();
      });
      // Idle keep-alive connections go now; busy ones answer with `Connection: close`, then go.
      server.closeIdleConnections();
    });

  return { address, port: bound.port, close };
}
