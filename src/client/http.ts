import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import type { Client, WireRequest, WireResponse } from './client.js';
import { buildCurlString, type CurlSettings } from './curl-string.js';
import { ClientConfigError, RedirectError } from './errors.js';
import { DEFAULT_ADDRESS, DEFAULT_TIMEOUT_MS, type HttpClientOptions } from './http-options.js';
import { type Address, originOf, parseAddress, wireTarget } from './request-url.js';
import { DEFAULT_RETRY, type RetrySettings, retryWaitMs, shouldRetry } from './retry-policy.js';
import { loadTlsConnectOptions } from './tls-config.js';
import { DeadlineExceeded, transportError } from './transport-error.js';
import { type WireDefaults, wireBody, wireHeaders } from './wire-encode.js';

/** Where one attempt goes: the address (scheme, host, socket) and the escaped path and query. */
interface Destination {
  readonly address: Address;
  readonly target: string;
  readonly url: string;
}

type Headers = ReadonlyArray<readonly [string, string]>;

/** Go's connect limit (net.Dialer 30 s); TLS handshakes share it. */
const CONNECT_TIMEOUT_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 307]);

/**
 * The Client over HTTP(S), as Vault's api.Client behaves: X-Vault-Request on every request,
 * the token and namespace headers, one whole-request deadline (VAULT_CLIENT_TIMEOUT) spanning
 * retries, retries on connection errors, 412, 429 and 5xx (not 501), and a single
 * 301/302/307 redirect followed (never https → http). Transport failures become
 * ConnectionError / TlsError / TimeoutError; statuses are returned, not thrown.
 */
export class HttpClient implements Client {
  readonly address: string;
  token: string | undefined;
  private readonly parsed: Address;
  private readonly agent: Agent;
  private readonly defaults: Omit<WireDefaults, 'token'>;
  private readonly timeoutMs: number;
  private readonly retry: RetrySettings;
  private readonly disableRedirects: boolean;
  private readonly curl: CurlSettings;

  constructor(opts: HttpClientOptions = {}) {
    this.address = opts.address ?? DEFAULT_ADDRESS;
    this.parsed = parseAddress(this.address);
    if (this.parsed.scheme !== 'http' && this.parsed.scheme !== 'https') {
      throw new ClientConfigError(
        `invalid address "${this.address}": unsupported protocol scheme ${JSON.stringify(this.parsed.scheme)}`,
      );
    }
    this.token = opts.token;
    this.defaults = {
      ...(opts.namespace === undefined ? {} : { namespace: opts.namespace }),
      ...(opts.headers === undefined ? {} : { headers: opts.headers }),
    };
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = {
      maxRetries: opts.maxRetries ?? DEFAULT_RETRY.maxRetries,
      minWaitMs: opts.minRetryWaitMs ?? DEFAULT_RETRY.minWaitMs,
      maxWaitMs: opts.maxRetryWaitMs ?? DEFAULT_RETRY.maxWaitMs,
    };
    this.disableRedirects = opts.disableRedirects ?? false;
    this.curl = {
      ...(opts.tlsSkipVerify ? { tlsSkipVerify: true } : {}),
      ...(opts.caCert ? { caCert: opts.caCert } : {}),
      ...(opts.caPath && !opts.caCert ? { caPath: opts.caPath } : {}),
      ...(opts.clientCert ? { clientCert: opts.clientCert } : {}),
      ...(opts.clientKey ? { clientKey: opts.clientKey } : {}),
    };
    const tls = this.parsed.scheme === 'https' ? loadTlsConnectOptions(opts) : {};
    this.agent = new Agent({
      connect: {
        ...tls,
        timeout: CONNECT_TIMEOUT_MS,
        ...(this.parsed.socketPath === undefined ? {} : { socketPath: this.parsed.socketPath }),
      },
      // The whole-request deadline below is the only clock, as in Vault.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  async send(req: WireRequest): Promise<WireResponse> {
    const headers = wireHeaders({ ...this.defaults, token: this.token }, req);
    const body = wireBody(req);
    const first = wireTarget(this.parsed, req.path, req.query);
    const deadline = new AbortController();
    const timer =
      this.timeoutMs > 0
        ? setTimeout(() => deadline.abort(new DeadlineExceeded()), this.timeoutMs)
        : undefined;
    try {
      const destination: Destination = { address: this.parsed, ...first };
      const response = await this.withRetries({
        method: req.method,
        to: destination,
        headers,
        body,
        signal: deadline.signal,
      });
      if (this.disableRedirects || !REDIRECT_STATUSES.has(response.status)) return response;
      const next = redirectDestination(destination, response);
      return await this.withRetries({ method: req.method, to: next, headers, body, signal: deadline.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The request as `-output-curl-string` prints it; nothing is sent. */
  toCurlString(req: WireRequest): string {
    const { url } = wireTarget(this.parsed, req.path, req.query);
    const headers = wireHeaders({ ...this.defaults, token: this.token }, req);
    const body = wireBody(req);
    return buildCurlString(
      { method: req.method, url, headers, ...(body === undefined ? {} : { body }) },
      this.curl,
    );
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async withRetries(exchange: Exchange): Promise<WireResponse> {
    const { method, to, signal } = exchange;
    const context = { method, url: to.url, address: to.address, timeoutMs: this.timeoutMs };
    for (let attempt = 0; ; attempt++) {
      let response: WireResponse;
      try {
        response = await this.once(exchange);
      } catch (error) {
        const mapped = transportError(signal.aborted ? signal.reason : error, context);
        if (signal.aborted || attempt >= this.retry.maxRetries || !shouldRetry({ error: mapped }))
          throw mapped;
        await this.pause(retryWaitMs(this.retry, attempt), signal, context);
        continue;
      }
      if (attempt >= this.retry.maxRetries || !shouldRetry(response)) return response;
      await this.pause(retryWaitMs(this.retry, attempt, response), signal, context);
    }
  }

  private async pause(ms: number, signal: AbortSignal, context: Parameters<typeof transportError>[1]) {
    try {
      await sleep(ms, undefined, { signal });
    } catch (error) {
      throw transportError(signal.aborted ? signal.reason : error, context);
    }
  }

  private async once({ method, to, headers, body, signal }: Exchange): Promise<WireResponse> {
    const res = await this.agent.request({
      origin: originOf(to.address),
      path: to.target,
      method,
      headers: headerObject(headers),
      ...(body === undefined ? {} : { body }),
      signal,
    });
    const text = await res.body.text();
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: res.statusCode, headers: flat, text };
  }
}

/** One request as sent (and resent by the retry loop). */
interface Exchange {
  readonly method: WireRequest['method'];
  readonly to: Destination;
  readonly headers: Headers;
  readonly body: string | undefined;
  readonly signal: AbortSignal;
}

/** Vault's single redirect: Location resolved against the request URL; no https → http. */
function redirectDestination(from: Destination, response: WireResponse): Destination {
  const location = response.headers.location;
  if (location === undefined || location === '') {
    throw new RedirectError('', 'http: no Location header in response');
  }
  const next = new URL(location, from.url);
  const scheme = next.protocol.replace(/:$/, '');
  if (from.address.scheme === 'https' && scheme !== 'https') {
    throw new RedirectError(next.href, 'redirect would cause protocol downgrade');
  }
  const address: Address = {
    scheme,
    authority: next.host,
    basePath: '',
    ...(from.address.socketPath === undefined ? {} : { socketPath: from.address.socketPath }),
  };
  const target = next.pathname + next.search;
  return { address, target, url: `${scheme}://${next.host}${target}` };
}

/** Repeated names become a list, which undici sends as one line per value. */
function headerObject(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const seen = out[name];
    out[name] = seen === undefined ? value : [...(typeof seen === 'string' ? [seen] : seen), value];
  }
  return out;
}
