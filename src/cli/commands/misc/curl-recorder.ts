import type { Client, WireRequest, WireResponse } from '../../../client/client.js';

/** What can print a request as curl (HttpClient.toCurlString). */
export interface CurlSource {
  toCurlString(req: WireRequest): string;
}

/**
 * Thrown instead of sending under `-output-curl-string`, as Vault's api returns
 * `LastOutputStringError`: the command fails (its message goes to the buffered stderr) and the
 * program prints the recorded curl string instead.
 */
export class CurlStringReady extends Error {
  override readonly name = 'CurlStringReady';
  constructor(readonly curl: string) {
    super('output-curl-string: the request was recorded, not sent');
  }
}

/**
 * A Client that records each request as a curl command line and sends nothing. The last
 * recorded request wins (Vault keeps the last `OutputStringError`).
 */
export class CurlRecordingClient implements Client {
  private recorded: string | undefined;

  constructor(private readonly inner: Client & CurlSource) {}

  get address(): string {
    return this.inner.address;
  }

  get token(): string | undefined {
    return this.inner.token;
  }

  set token(value: string | undefined) {
    this.inner.token = value;
  }

  /** The curl string of the last request, if any was made. */
  get curl(): string | undefined {
    return this.recorded;
  }

  async send(req: WireRequest): Promise<WireResponse> {
    this.recorded = this.inner.toCurlString(req);
    throw new CurlStringReady(this.recorded);
  }

  /** Runs `fn` against the real client (Vault turns curl output off around such calls). */
  bypass<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    return fn(this.inner);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Calls `fn` with curl recording switched off: `vault operator init` reads sys/seal-status
 * for real before the request it prints.
 */
export function withoutCurlString<T>(client: Client, fn: (client: Client) => Promise<T>): Promise<T> {
  return client instanceof CurlRecordingClient ? client.bypass(fn) : fn(client);
}
