/**
 * Talks to this node's Vault API. The token lives in sessionStorage only: it goes in the
 * X-Vault-Token header, never in a URL, and is never logged.
 */
const TOKEN_KEY = 'hvr.ui.token';

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
  ) {
    super(errors.join('; ') || `HTTP ${status}`);
  }
}

export type Json = Record<string, unknown>;

export interface CallOptions {
  readonly method?: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'LIST';
  readonly body?: Json;
  /** Leave the session token out (status endpoints, login). */
  readonly anonymous?: boolean;
}

/** One call to /v1/<path>; the parsed body, or an ApiError carrying Vault's `errors`. */
export async function call(path: string, opts: CallOptions = {}): Promise<Json> {
  const headers: Record<string, string> = { 'X-Vault-Request': 'true' };
  const token = session.token;
  if (token && !opts.anonymous) headers['X-Vault-Token'] = token;
  if (opts.body) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/v1/${path}`, {
    method: opts.method ?? (opts.body ? 'PUT' : 'GET'),
    headers,
    credentials: 'omit',
    cache: 'no-store',
    ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let json: Json = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = {};
    }
  }
  if (!res.ok) {
    const errors = Array.isArray(json.errors) ? json.errors.map(String) : [];
    throw new ApiError(res.status, errors);
  }
  return json;
}

/** The raw text of a GET (sys/metrics in Prometheus form). */
export async function text(path: string): Promise<string> {
  const headers: Record<string, string> = {};
  const token = session.token;
  if (token) headers['X-Vault-Token'] = token;
  const res = await fetch(`/v1/${path}`, { headers, credentials: 'omit', cache: 'no-store' });
  if (!res.ok) throw new ApiError(res.status, []);
  return res.text();
}

export const warningsOf = (json: Json): string[] =>
  Array.isArray(json.warnings) ? json.warnings.map(String) : [];

export const errorText = (error: unknown): string =>
  error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
