import type { LockoutStanzas } from '../core/user-lockout.js';

/** What `hvr server` needs to start a node, from flags (-dev) or a config file. */
export interface ListenerConfig {
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** `telemetry { unauthenticated_metrics_access = true }` in the listener: sys/metrics without a token. */
  readonly unauthenticatedMetricsAccess?: boolean;
  /** Vault's http_* listener timeouts, in seconds; absent = Vault's defaults. */
  readonly timeouts?: Partial<HttpTimeouts>;
}

/** Vault's listener `http_read_header_timeout`, `http_read_timeout`, `http_write_timeout`, `http_idle_timeout`. */
export interface HttpTimeouts {
  readonly readHeader: number;
  readonly read: number;
  /** 0 = no limit (Vault's default). */
  readonly write: number;
  readonly idle: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { readHeader: 10, read: 30, write: 0, idle: 300 };

export interface NodeConfig {
  readonly storage: { readonly kind: 'memory' } | { readonly kind: 'sqlite'; readonly path: string };
  readonly listener: ListenerConfig;
  readonly apiAddr?: string;
  readonly clusterAddr?: string;
  /** Vault's `replication` stanza: how many WAL records a primary keeps for its secondaries. */
  readonly replication?: {
    readonly logshipperBufferLength?: number;
    /** hvr's zero-RPO mode for a DR primary: writes wait for this many secondaries (0 = async). */
    readonly drZeroRpoMinAcks?: number;
    readonly drZeroRpoAckTimeoutMs?: number;
  };
  /** Vault's `telemetry` stanza. */
  readonly telemetry?: {
    readonly prometheusRetentionSeconds?: number;
    readonly disableHostname?: boolean;
  };
  /** Vault's `user_lockout "<type>"` stanzas. */
  readonly userLockout?: LockoutStanzas;
  readonly dev?: {
    readonly rootTokenId?: string;
    readonly kv: 'v1' | 'v2' | 'none';
  };
}

/** `127.0.0.1:8200` → host and port; the port may be 0 (the OS picks). */
export function parseListenAddress(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`invalid listener address "${text}": expected host:port, like 127.0.0.1:8200`);
  const port = Number(match[3]);
  if (port > 65535) throw new Error(`invalid listener address "${text}": port ${port} is out of range`);
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}
