import { type Agent, request } from 'undici';

export interface ApiResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The parsed JSON body, or undefined when the body is empty. */
  readonly json: Record<string, unknown> | undefined;
}

export interface ApiCall {
  method?: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  dispatcher?: Agent;
}

/** One HTTP call to a node's API, as a Vault client makes it. */
export async function api(address: string, path: string, call: ApiCall = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { 'x-vault-request': 'true', ...(call.headers ?? {}) };
  if (call.token) headers['x-vault-token'] = call.token;
  let body: string | undefined = call.rawBody;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await request(`${address}/v1/${path}`, {
    method: (call.method ?? (body !== undefined ? 'PUT' : 'GET')) as 'GET',
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(call.dispatcher ? { dispatcher: call.dispatcher } : {}),
  });
  const text = await res.body.text();
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: text.trim() === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** The `data` object of an envelope. */
export const dataOf = (result: ApiResult): Record<string, unknown> =>
  (result.json?.data ?? {}) as Record<string, unknown>;

/** A request whose path is sent exactly as written (no URL normalisation of `..` or `%2F`). */
export async function rawPathRequest(address: string, rawPath: string, token?: string): Promise<ApiResult> {
  const { request: httpRequest } = await import('node:http');
  const url = new URL(address);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: rawPath,
        method: 'GET',
        headers: token ? { 'x-vault-token': token } : {},
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: text.trim() === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
