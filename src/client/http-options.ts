import { goDurationSeconds } from '../gocompat/duration.js';
import { parseGoBool } from '../gocompat/parse-bool.js';
import { ClientConfigError } from './errors.js';
import type { TlsSettings } from './tls-config.js';

/** Everything an HttpClient can be told; the CLI fills it from flags over `httpOptionsFromEnv`. */
export interface HttpClientOptions extends TlsSettings {
  /** `-address` / VAULT_ADDR; default `https://127.0.0.1:8200`, as Vault's. */
  readonly address?: string;
  readonly token?: string;
  /** `-namespace` / VAULT_NAMESPACE. */
  readonly namespace?: string;
  /** Extra headers on every request (`-header`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whole-request limit in ms, retries included (VAULT_CLIENT_TIMEOUT); default 60 s, 0 = none. */
  readonly timeoutMs?: number;
  /** VAULT_MAX_RETRIES; default 2 (Vault's api; its CLI passes 0 unless the variable is set). */
  readonly maxRetries?: number;
  readonly minRetryWaitMs?: number;
  readonly maxRetryWaitMs?: number;
  /** `-disable-redirects` / VAULT_DISABLE_REDIRECTS. */
  readonly disableRedirects?: boolean;
}

export const DEFAULT_ADDRESS = 'https://127.0.0.1:8200';
export const DEFAULT_TIMEOUT_MS = 60_000;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Vault's api.Config.ReadEnvironment: the VAULT_* variables that configure the transport.
 * Only variables that are set (non-empty) appear in the result; VAULT_AGENT_ADDR wins over
 * VAULT_ADDR. Unparsable values throw ClientConfigError with Vault's wording.
 */
export function httpOptionsFromEnv(env: Env): HttpClientOptions {
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const out: { -readonly [K in keyof HttpClientOptions]: HttpClientOptions[K] } = {};
  const address = get('VAULT_AGENT_ADDR') ?? get('VAULT_ADDR');
  if (address !== undefined) out.address = address;
  const strings = {
    caCert: 'VAULT_CACERT',
    caCertBytes: 'VAULT_CACERT_BYTES',
    caPath: 'VAULT_CAPATH',
    clientCert: 'VAULT_CLIENT_CERT',
    clientKey: 'VAULT_CLIENT_KEY',
    tlsServerName: 'VAULT_TLS_SERVER_NAME',
    namespace: 'VAULT_NAMESPACE',
  } as const;
  for (const [key, name] of Object.entries(strings) as Array<[keyof typeof strings, string]>) {
    const value = get(name);
    if (value !== undefined) out[key] = value;
  }
  const skip = get('VAULT_SKIP_VERIFY');
  if (skip !== undefined) out.tlsSkipVerify = parseEnvBool(skip, 'could not parse VAULT_SKIP_VERIFY');
  const redirects = get('VAULT_DISABLE_REDIRECTS');
  if (redirects !== undefined) {
    out.disableRedirects = parseEnvBool(redirects, 'could not parse VAULT_DISABLE_REDIRECTS');
  }
  const timeout = get('VAULT_CLIENT_TIMEOUT');
  if (timeout !== undefined)
    out.timeoutMs = parseDurationMs(timeout, 'could not parse "VAULT_CLIENT_TIMEOUT"');
  const retries = get('VAULT_MAX_RETRIES');
  if (retries !== undefined) {
    if (!/^\d+$/.test(retries) || Number(retries) > 0xffffffff) {
      throw new ClientConfigError(`strconv.ParseUint: parsing ${JSON.stringify(retries)}: invalid syntax`);
    }
    out.maxRetries = Number(retries);
  }
  return out;
}

/** strconv.ParseBool, failing with the client's configuration error. */
function parseEnvBool(text: string, message: string): boolean {
  const parsed = parseGoBool(text);
  if (parsed === undefined) throw new ClientConfigError(message);
  return parsed;
}

/** parseutil.ParseDurationSecond in milliseconds: a bare number is seconds, else `1m30s`, `500ms`. */
export function parseDurationMs(text: string, message: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Unsigned only: a client timeout cannot be negative.
  const seconds = /^[-+]/.test(trimmed) ? undefined : goDurationSeconds(trimmed);
  if (seconds === undefined) throw new ClientConfigError(message);
  return Math.round(seconds * 1000);
}
