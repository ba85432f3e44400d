/**
 * `-output-curl-string`: the request as a curl command line, in the format of Vault's
 * api/output_string.go (`buildCurlString`): `--insecure`, `-X METHOD` unless GET, the TLS files
 * single-quoted, one `-H "Name: value"` per header (Go's canonical names; the token replaced by
 * `$(vault print token)`), `-d '<body>'`, then the URL quoted as Go's strconv.Quote does.
 */
export interface CurlSettings {
  readonly tlsSkipVerify?: boolean;
  readonly caCert?: string;
  readonly caPath?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
  /** What stands in for the token; Vault prints `$(vault print token)`. */
  readonly tokenPlaceholder?: string;
}

export interface CurlRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
}

export const VAULT_TOKEN_PLACEHOLDER = '$(vault print token)';

const quoteSingle = (text: string): string => `'${text.replaceAll("'", `'"'"'`)}'`;

export function buildCurlString(req: CurlRequest, settings: CurlSettings = {}): string {
  let out = 'curl ';
  if (settings.tlsSkipVerify) out += '--insecure ';
  if (req.method !== 'GET') out += `-X ${req.method} `;
  if (settings.caCert) out += `--cacert ${quoteSingle(settings.caCert)} `;
  if (settings.caPath) out += `--capath ${quoteSingle(settings.caPath)} `;
  if (settings.clientCert) out += `--cert ${quoteSingle(settings.clientCert)} `;
  if (settings.clientKey) out += `--key ${quoteSingle(settings.clientKey)} `;
  for (const [name, value] of req.headers) {
    const shown =
      name.toLowerCase() === 'x-vault-token' ? (settings.tokenPlaceholder ?? VAULT_TOKEN_PLACEHOLDER) : value;
    out += `-H "${canonicalHeaderKey(name)}: ${shown}" `;
  }
  if (req.body !== undefined && req.body.length > 0) out += `-d ${quoteSingle(req.body)} `;
  return out + goQuote(req.url);
}

/** Go's textproto.CanonicalMIMEHeaderKey: `x-vault-wrap-ttl` → `X-Vault-Wrap-Ttl`. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/** Go's strconv.Quote for the ASCII text of an escaped URL. */
function goQuote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
