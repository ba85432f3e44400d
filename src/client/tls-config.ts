import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientConfigError } from './errors.js';

/** Vault's TLS settings (`-ca-cert`, `-ca-path`, `-client-cert`, `-client-key`, …). */
export interface TlsSettings {
  /** PEM file of CA certificates; takes precedence over caPath. */
  readonly caCert?: string;
  /** PEM text of CA certificates (VAULT_CACERT_BYTES); takes precedence over both. */
  readonly caCertBytes?: string;
  /** Directory of PEM files. */
  readonly caPath?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
  readonly tlsSkipVerify?: boolean;
  /** SNI and the name the server certificate must match. */
  readonly tlsServerName?: string;
}

/** What node:tls (through undici's `connect` option) needs. */
export interface TlsConnectOptions {
  ca?: string[];
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
  minVersion: 'TLSv1.2';
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Loads the files named by `settings` (Vault's api.ConfigureTLS and go-rootcerts): a CA given
 * here replaces the system roots; client certificate and key go together.
 */
export function loadTlsConnectOptions(settings: TlsSettings): TlsConnectOptions {
  const out: TlsConnectOptions = { rejectUnauthorized: !settings.tlsSkipVerify, minVersion: 'TLSv1.2' };
  const ca = loadCAs(settings);
  if (ca) out.ca = ca;
  const { clientCert, clientKey } = settings;
  if (clientCert && clientKey) {
    out.cert = readText(clientCert, 'client certificate');
    out.key = readText(clientKey, 'client key');
  } else if (clientCert || clientKey) {
    throw new ClientConfigError('both client cert and client key must be provided');
  }
  if (settings.tlsServerName) out.servername = settings.tlsServerName;
  return out;
}

function loadCAs(settings: TlsSettings): string[] | undefined {
  if (settings.caCertBytes)
    return certsIn(settings.caCertBytes, 'Error loading CA File', 'VAULT_CACERT_BYTES');
  if (settings.caCert) {
    return certsIn(readText(settings.caCert, 'CA File'), 'Error loading CA File', settings.caCert);
  }
  if (settings.caPath) return loadCAPath(settings.caPath);
  return undefined;
}

function loadCAPath(dir: string): string[] {
  const certs: string[] = [];
  const walk = (path: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch (error) {
      throw new ClientConfigError(`Error loading CA Path: ${describe(error)}`, { cause: error });
    }
    for (const entry of entries) {
      const file = join(path, entry.name);
      if (entry.isDirectory()) walk(file);
      else certs.push(...certsIn(readText(file, 'CA Path'), 'Error loading file from CAPath', file));
    }
  };
  walk(dir);
  return certs;
}

function certsIn(pem: string, what: string, source: string): string[] {
  const certs = pem.match(PEM_CERT);
  if (certs === null) throw new ClientConfigError(`${what}: Couldn't parse PEM in: ${source}`);
  return certs;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ClientConfigError(`Error loading ${what}: ${describe(error)}`, { cause: error });
  }
}

/** Go's *PathError text: `open /x/ca.pem: no such file or directory`. */
function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && 'path' in error) {
    const reason = FS_REASONS[String(error.code)] ?? error.message;
    return `open ${String(error.path)}: ${reason}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};
