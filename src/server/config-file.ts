import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHcl } from '../core/policy/hcl.js';
import type { HclObject, HclValue } from '../core/policy/hcl-ast.js';
import { parseDurationSeconds } from '../gocompat/duration.js';
import { GoParseBoolError, parseGoBoolOrThrow } from '../gocompat/parse-bool.js';
import { type HttpTimeouts, type NodeConfig, parseListenAddress } from './node-config.js';
import { userLockoutStanzas } from './user-lockout-config.js';

/**
 * `hvr server -config FILE`: Vault's HCL (or JSON) server configuration, the parts hvr
 * uses: one `storage` stanza (sqlite, or raft/file with a directory path, or inmem), one
 * `listener "tcp"`, `api_addr` and `cluster_addr`.
 */
export function loadServerConfig(path: string): NodeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const root = parseHcl(text).root;
  // `backend` is the legacy name of `storage`, still accepted by Vault (and in many example configs).
  const storage = block(root, 'storage') ?? block(root, 'backend');
  const listener = block(root, 'listener');
  if (!storage)
    throw new Error(
      `${path}: a storage stanza is required, e.g. storage "sqlite" { path = "/var/lib/hvr/hvr.db" }`,
    );
  if (!listener)
    throw new Error(
      `${path}: a listener stanza is required, e.g. listener "tcp" { address = "127.0.0.1:8200" }`,
    );
  if (listener.label !== 'tcp')
    throw new Error(`${path}: unsupported listener type "${listener.label}" (only "tcp")`);

  let storageConfig: NodeConfig['storage'];
  const storagePath = str(storage.body, 'path');
  switch (storage.label) {
    case 'inmem':
      storageConfig = { kind: 'memory' };
      break;
    case 'sqlite':
      if (!storagePath) throw new Error(`${path}: storage "sqlite" needs a path`);
      storageConfig = { kind: 'sqlite', path: storagePath };
      break;
    case 'raft':
    case 'file':
      if (!storagePath) throw new Error(`${path}: storage "${storage.label}" needs a path`);
      storageConfig = { kind: 'sqlite', path: join(storagePath, 'hvr.sqlite') };
      break;
    default:
      throw new Error(`${path}: unsupported storage type "${storage.label}" (sqlite, raft, file or inmem)`);
  }

  const address = parseListenAddress(str(listener.body, 'address') ?? '127.0.0.1:8200');
  const tlsDisable = bool(listener.body, 'tls_disable', path);
  const certFile = str(listener.body, 'tls_cert_file');
  const keyFile = str(listener.body, 'tls_key_file');
  if (!tlsDisable && (!certFile || !keyFile)) {
    throw new Error(`${path}: listener "tcp" needs tls_cert_file and tls_key_file, or tls_disable = true`);
  }
  // issue 9: Vault's listener timeouts (seconds or Go durations).
  const timeouts: { -readonly [K in keyof HttpTimeouts]?: number } = {};
  const timeoutKeys = [
    ['http_read_header_timeout', 'readHeader'],
    ['http_read_timeout', 'read'],
    ['http_write_timeout', 'write'],
    ['http_idle_timeout', 'idle'],
  ] as const;
  for (const [key, field] of timeoutKeys) {
    const text = str(listener.body, key);
    if (text === undefined) continue;
    try {
      timeouts[field] = parseDurationSeconds(text);
    } catch {
      throw new Error(`${path}: listener "tcp" ${key} must be a duration like "30s", got "${text}"`);
    }
    if ((timeouts[field] ?? 0) < 0) throw new Error(`${path}: listener "tcp" ${key} cannot be negative`);
  }
  const replication = value(root, 'replication');
  const bufferText =
    replication?.kind === 'object' ? str(replication, 'logshipper_buffer_length') : undefined;
  const bufferLength = bufferText === undefined ? undefined : Number(bufferText);
  if (bufferLength !== undefined && !(Number.isInteger(bufferLength) && bufferLength > 0)) {
    throw new Error(
      `${path}: replication.logshipper_buffer_length must be a positive integer, got "${bufferText}"`,
    );
  }
  const minAcksText = replication?.kind === 'object' ? str(replication, 'dr_zero_rpo_min_acks') : undefined;
  const ackTimeoutText =
    replication?.kind === 'object' ? str(replication, 'dr_zero_rpo_ack_timeout') : undefined;
  const minAcks = minAcksText === undefined ? undefined : Number(minAcksText);
  if (minAcks !== undefined && !(Number.isInteger(minAcks) && minAcks >= 0)) {
    throw new Error(
      `${path}: replication.dr_zero_rpo_min_acks must be a whole number (0 = asynchronous), got "${minAcksText}"`,
    );
  }
  let ackTimeoutMs: number | undefined;
  if (ackTimeoutText !== undefined) {
    try {
      ackTimeoutMs = parseDurationSeconds(ackTimeoutText) * 1000;
    } catch {
      throw new Error(
        `${path}: replication.dr_zero_rpo_ack_timeout must be a duration like "5s", got "${ackTimeoutText}"`,
      );
    }
  }
  const listenerTelemetry = value(listener.body, 'telemetry');
  const unauthenticatedMetricsAccess =
    listenerTelemetry?.kind === 'object' && bool(listenerTelemetry, 'unauthenticated_metrics_access', path);
  const telemetry = telemetryStanza(path, value(root, 'telemetry'));
  const userLockout = userLockoutStanzas(path, root);
  const apiAddr = str(root, 'api_addr');
  const clusterAddr = str(root, 'cluster_addr');
  return {
    storage: storageConfig,
    listener: {
      ...address,
      ...(!tlsDisable && certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
      ...(unauthenticatedMetricsAccess ? { unauthenticatedMetricsAccess } : {}),
      ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}),
    },
    ...(telemetry ? { telemetry } : {}),
    ...(userLockout ? { userLockout } : {}),
    ...(apiAddr ? { apiAddr } : {}),
    ...(clusterAddr ? { clusterAddr } : {}),
    ...(bufferLength !== undefined || minAcks !== undefined
      ? {
          replication: {
            ...(bufferLength !== undefined ? { logshipperBufferLength: bufferLength } : {}),
            ...(minAcks !== undefined
              ? { drZeroRpoMinAcks: minAcks, drZeroRpoAckTimeoutMs: ackTimeoutMs ?? 5_000 }
              : {}),
          },
        }
      : {}),
  };
}

/** `telemetry { prometheus_retention_time = "24h"  disable_hostname = true }`. */
function telemetryStanza(path: string, stanza: HclValue | undefined): NodeConfig['telemetry'] {
  if (stanza?.kind !== 'object') return undefined;
  const retention = str(stanza, 'prometheus_retention_time');
  let prometheusRetentionSeconds: number | undefined;
  if (retention !== undefined) {
    try {
      prometheusRetentionSeconds = /^\d+$/.test(retention)
        ? Number(retention)
        : parseDurationSeconds(retention);
    } catch {
      throw new Error(
        `${path}: telemetry.prometheus_retention_time must be a duration like "24h", got "${retention}"`,
      );
    }
  }
  return {
    ...(prometheusRetentionSeconds !== undefined ? { prometheusRetentionSeconds } : {}),
    disableHostname: bool(stanza, 'disable_hostname', path),
  };
}

function block(root: HclObject, name: string): { label: string; body: HclObject } | undefined {
  for (const item of root.items) {
    if (item.keys[0]?.name !== name) continue;
    if (item.keys.length >= 2 && item.value.kind === 'object') {
      return { label: item.keys[1]?.name ?? '', body: item.value };
    }
    // JSON form: "storage": {"sqlite": {"path": ...}}
    if (item.value.kind === 'object') {
      const inner = item.value.items[0];
      if (inner && inner.value.kind === 'object')
        return { label: inner.keys[0]?.name ?? '', body: inner.value };
    }
  }
  return undefined;
}

function value(obj: HclObject, key: string): HclValue | undefined {
  return obj.items.find((i) => i.keys.length === 1 && i.keys[0]?.name === key)?.value;
}

const str = (obj: HclObject, key: string): string | undefined => {
  const v = value(obj, key);
  return v && (v.kind === 'string' || v.kind === 'number') ? String(v.value) : undefined;
};

/** Vault parses listener booleans with Go's strconv.ParseBool, on strings and numbers alike. */
const bool = (obj: HclObject, key: string, file: string): boolean => {
  const v = value(obj, key);
  if (!v) return false;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' || v.kind === 'number') {
    try {
      return parseGoBoolOrThrow(String(v.value));
    } catch (error) {
      if (error instanceof GoParseBoolError)
        throw new Error(`${file}: invalid value for "${key}": ${error.message}`);
      throw error;
    }
  }
  throw new Error(`${file}: invalid value for "${key}": expected a boolean`);
};
