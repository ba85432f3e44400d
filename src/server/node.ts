import { builtinBackends } from '../backends/catalog.js';
import { Core } from '../core/core.js';
import { storageTimings } from '../core/telemetry/storage-timings.js';
import { Telemetry } from '../core/telemetry/telemetry.js';
import { drReplication } from '../replication/dr-mode.js';
import { MemoryBackend } from '../storage/memory.js';
import type { PhysicalBackend } from '../storage/physical.js';
import { SqliteBackend } from '../storage/sqlite.js';
import { timedBackend } from '../storage/timed.js';
import { type ClusterListener, startClusterListener } from './cluster-listener.js';
import { DEFAULT_HTTP_TIMEOUTS, type NodeConfig } from './node-config.js';
import { startListener } from './node-listener.js';
import { routes } from './routes.js';

export interface RunningNode {
  readonly core: Core;
  /** The API address clients use, e.g. http://127.0.0.1:8200. */
  readonly address: string;
  readonly clusterAddress: string;
  /** Dev mode only. */
  readonly rootToken?: string;
  readonly unsealKey?: string;
  close(): Promise<void>;
}

export function openPhysical(config: NodeConfig['storage']): PhysicalBackend {
  return config.kind === 'memory' ? new MemoryBackend() : SqliteBackend.open(config.path);
}

/** Starts a node: storage, core, API listener; in dev mode also init, unseal and secret/. */
export async function startNode(config: NodeConfig): Promise<RunningNode> {
  const telemetry = new Telemetry();
  telemetry.configure({
    ...(config.telemetry?.prometheusRetentionSeconds !== undefined
      ? { prometheusRetentionSeconds: config.telemetry.prometheusRetentionSeconds }
      : {}),
    disableHostname: config.telemetry?.disableHostname === true,
  });
  const physical = openPhysical(config.storage);
  const core = new Core({
    backends: builtinBackends,
    physical: timedBackend(
      physical,
      storageTimings(telemetry, physical.kind === 'sqlite' ? 'sqlite' : 'inmem'),
    ),
    telemetry,
    replication: drReplication,
    ...(config.replication?.logshipperBufferLength
      ? { walBufferLength: config.replication.logshipperBufferLength }
      : {}),
  });
  // Vault's VAULT_DISABLE_USER_LOCKOUT switches the feature off for every auth method.
  const lockoutOff = ['1', 't', 'true'].includes(
    (process.env.VAULT_DISABLE_USER_LOCKOUT ?? '').toLowerCase(),
  );
  core.lockout.configure(lockoutOff ? { all: { disabled: true } } : (config.userLockout ?? {}));
  const listener = await startListener({
    host: config.listener.host,
    port: config.listener.port,
    ...(config.listener.tls ? { tls: config.listener.tls } : {}),
    timeouts: { ...DEFAULT_HTTP_TIMEOUTS, ...(config.listener.timeouts ?? {}) },
    handler: routes(core, config.listener.unauthenticatedMetricsAccess === true),
  });
  const host = config.listener.host.includes(':') ? `[${config.listener.host}]` : config.listener.host;
  const scheme = config.listener.tls ? 'https' : 'http';
  core.apiAddr = config.apiAddr ?? `${scheme}://${host}:${listener.port}`;
  core.clusterAddr = config.clusterAddr ?? `https://${host}:${listener.port + 1}`;
  const zeroRpo = config.replication?.drZeroRpoMinAcks;
  if (zeroRpo !== undefined) {
    core.replication.configuredZeroRpo = {
      minAcks: zeroRpo,
      ackTimeoutMs: config.replication?.drZeroRpoAckTimeoutMs ?? 5_000,
    };
  }
  let cluster: ClusterListener | null = null;
  await core.replication.setClusterListener({
    async start(tls, service) {
      if (cluster) return;
      const wanted = new URL(core.clusterAddr);
      const host = wanted.hostname.replace(/^\[|\]$/g, '');
      const open = (port: number) => startClusterListener({ host, port, ...tls, service });
      cluster = await open(Number(wanted.port)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE' || config.clusterAddr) throw error;
        return open(0);
      });
      if (!config.clusterAddr)
        core.clusterAddr = `https://${wanted.host.replace(/:\d+$/, '')}:${cluster.port}`;
    },
    async stop() {
      await cluster?.close();
      cluster = null;
    },
  });
  let rootToken: string | undefined;
  let unsealKey: string | undefined;
  if (config.dev) {
    const init = await core.initialize(1, 1, config.dev.rootTokenId);
    rootToken = init.rootToken;
    unsealKey = init.keysBase64[0];
    await core.submitUnsealShare(new Uint8Array(Buffer.from(init.keysBase64[0] ?? '', 'base64')));
    if (config.dev.kv !== 'none') {
      await core.mounts.enable({
        table: 'mounts',
        path: 'secret/',
        type: 'kv',
        description: 'key/value secret storage',
        options: { version: config.dev.kv === 'v2' ? '2' : '1' },
      });
    }
  }
  return {
    core,
    address: core.apiAddr,
    clusterAddress: core.clusterAddr,
    ...(rootToken ? { rootToken } : {}),
    ...(unsealKey ? { unsealKey } : {}),
    async close() {
      await listener.close();
      await core.replication.stop();
      await core.close();
    },
  };
}
