/**
 * How the CLI reaches a node: over HTTP (http.ts) or in-process (embedded.ts). Both speak
 * the same wire format — the embedded client calls the API handler with a web Request —
 * so output, errors and exit codes cannot drift apart.
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD';

export type HeaderValue = string | readonly string[];

export interface WireRequest {
  readonly method: HttpMethod;
  /** Logical path without `/v1/` and without a leading slash, e.g. `secret/data/app`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** JSON body; `null` sends the literal `null` (vault write -force). Undefined sends none. */
  readonly body?: unknown;
  /**
   * Extra headers (X-Vault-Wrap-TTL, X-Vault-Namespace, -header flags); a list sends one
   * header line per value, as Go's Header.Add does (X-Vault-MFA).
   */
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  /** Overrides the client's token for this call; '' sends no token. */
  readonly token?: string;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface Client {
  /** What `URL:` lines in error messages show: `http://127.0.0.1:8200` or `embedded://default`. */
  readonly address: string;
  /** The token sent when a request does not carry its own. */
  token: string | undefined;
  send(req: WireRequest): Promise<WireResponse>;
  close(): Promise<void>;
}
