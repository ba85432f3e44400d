/**
 * Vault's `api.ResponseError.Error()` (api/response.go): what the CLI prints after
 * `Error reading <path>: `. The client fills this from a non-2xx response.
 */
export interface ResponseErrorInfo {
  /** The HTTP method actually sent (`GET` for a list, which Vault's client rewrites from LIST). */
  readonly method: string;
  /** The full request URL, query included: `http://127.0.0.1:8200/v1/secret/foo?list=true`. */
  readonly url: string;
  readonly status: number;
  /** The decoded `errors` array; each is printed as `* <error>` with no separator between them. */
  readonly errors: readonly string[];
  /** The body, when it was not a JSON error document (`Code: 502. Raw Message:`). */
  readonly rawBody?: string;
  /** The `X-Vault-Namespace` response header, printed unless empty or `root/`. */
  readonly namespace?: string;
}

export function renderResponseError(info: ResponseErrorInfo): string {
  const ns = info.namespace && info.namespace !== 'root/' ? `Namespace: ${info.namespace}\n` : '';
  const head = `Error making API request.\n\n${ns}URL: ${info.method} ${info.url}\n`;
  if (info.rawBody !== undefined && info.rawBody !== '') {
    return `${head}Code: ${info.status}. Raw Message:\n\n${info.rawBody}`;
  }
  return `${head}Code: ${info.status}. Errors:\n\n${info.errors.map((e) => `* ${e}`).join('')}`;
}
