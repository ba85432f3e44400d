import type { Client, WireRequest, WireResponse } from '../../../client/client.js';

/** What can print a request as curl (HttpClient.toCurlString). */
export interface CurlSource {
  toCurlString(req: WireRequest): string;
}

/**
 * Thrown instead of sending under `-output-curl-string` / `-output-policy`, as Vault's api
 * returns `LastOutputStringError` / `LastOutputPolicyError`: the command fails (its message
 * goes to the buffered stderr) and the program prints what was recorded instead.
 */
export class CurlStringReady extends Error {
  override readonly name = 'CurlStringReady';
  constructor(readonly curl: string) {
    super('output-curl-string: the request was recorded, not sent');
  }
}

export interface RecorderOptions {
  /** What a request is recorded as; the curl string by default. */
  readonly render?: (req: WireRequest) => string;
  /**
   * The node preflight calls really reach (Vault switches the recording off around them);
   * the formatting client itself when not given.
   */
  readonly live?: () => Promise<Client>;
}

/**
 * A Client that records each request and sends nothing. The last recorded request wins
 * (Vault keeps the last `OutputStringError`).
 */
export class CurlRecordingClient implements Client {
  private recorded: string | undefined;
  private liveClient: Promise<Client> | undefined;

  constructor(
    private readonly inner: Client & CurlSource,
    private readonly opts: RecorderOptions = {},
  ) {}

  get address(): string {
    return this.inner.address;
  }

  get token(): string | undefined {
    return this.inner.token;
  }

  set token(value: string | undefined) {
    this.inner.token = value;
  }

  /** What the last request was recorded as, if any was made. */
  get curl(): string | undefined {
    return this.recorded;
  }

  async send(req: WireRequest): Promise<WireResponse> {
    this.recorded = this.opts.render ? this.opts.render(req) : this.inner.toCurlString(req);
    throw new CurlStringReady(this.recorded);
  }

  /** Runs `fn` against the real node (Vault turns recording off around such calls). */
  async bypass<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    if (!this.opts.live) return fn(this.inner);
    this.liveClient ??= this.opts.live();
    return fn(await this.liveClient);
  }

  async close(): Promise<void> {
    await this.inner.close();
    if (this.liveClient) await (await this.liveClient.catch(() => undefined))?.close();
  }
}

/**
 * Calls `fn` with recording switched off: `vault operator init` reads sys/seal-status and the
 * `kv` commands their mount for real before the request they print.
 */
export function withoutCurlString<T>(client: Client, fn: (client: Client) => Promise<T>): Promise<T> {
  return client instanceof CurlRecordingClient ? client.bypass(fn) : fn(client);
}
