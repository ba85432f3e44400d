import type { SecondaryContact } from './primary-service.js';
import type { ReplicatedStorage } from './replicated-storage.js';
import type { DrState } from './replication-state.js';
import type { SecondaryRunner } from './secondary-runner.js';

/** Go's zero time in Unix seconds, as Vault shows "never" for epoch fields. */
const NEVER_EPOCH = '-62135596800';
/** A secondary is `disconnected` once it has missed this long of heartbeats. */
const DISCONNECTED_AFTER_MS = 10_000;

/** RFC3339 with the local offset and no fraction, as Vault prints last_heartbeat. */
export function rfc3339Local(epochMs: number): string {
  const d = new Date(epochMs);
  const offsetMin = -d.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = new Date(epochMs + offsetMin * 60_000).toISOString().slice(0, 19);
  return offsetMin === 0 ? `${local}Z` : `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

interface StatusInput {
  readonly state: DrState;
  readonly storage: ReplicatedStorage;
  readonly contacts: ReadonlyMap<string, SecondaryContact>;
  readonly runner: SecondaryRunner | null;
  readonly lastStart: number;
}

/** sys/replication/dr/status data, with Vault's field names and JSON types (reference section 2). */
export function drStatus(input: StatusInput): Record<string, unknown> {
  const { state, storage } = input;
  if (state.mode === 'disabled') return { mode: 'disabled' };
  const reindex = state.lastReindexEpoch > 0 ? String(state.lastReindexEpoch) : '0';
  if (state.mode === 'primary') {
    const now = Date.now();
    const known = state.secondaries.filter((s) => !s.revoked);
    const secondaries = known.flatMap((s) => {
      const contact = input.contacts.get(s.id);
      if (!contact) return [];
      return [
        {
          api_address: contact.apiAddr,
          clock_skew_ms: String(contact.clockSkewMs),
          cluster_address: contact.clusterAddr,
          connection_status:
            now - contact.lastHeartbeat > DISCONNECTED_AFTER_MS ? 'disconnected' : 'connected',
          last_heartbeat: rfc3339Local(contact.lastHeartbeat),
          last_heartbeat_duration_ms: '0',
          node_id: s.id,
          replication_primary_canary_age_ms: '0',
        },
      ];
    });
    return {
      cluster_id: state.clusterId,
      corrupted_merkle_tree: false,
      known_secondaries: known.map((s) => s.id),
      last_corruption_check_epoch: NEVER_EPOCH,
      last_dr_wal: storage.lastWal,
      last_reindex_epoch: reindex,
      last_wal: storage.lastWal,
      merkle_root: storage.merkleRoot(),
      mode: 'primary',
      primary_cluster_addr: state.primaryClusterAddr,
      secondaries,
      ssct_generation_counter: 0,
      state: 'running',
      // hvr's zero-RPO mode, shown only when on so the default output is Vault's exactly.
      ...(state.zeroRpo && state.zeroRpo.minAcks > 0
        ? { zero_rpo: { min_acks: state.zeroRpo.minAcks, ack_timeout_ms: state.zeroRpo.ackTimeoutMs } }
        : {}),
    };
  }
  const runner = input.runner;
  const info = runner?.primaryInfo;
  const connected =
    runner !== null && runner.lastHeartbeat > 0 && Date.now() - runner.lastHeartbeat <= DISCONNECTED_AFTER_MS;
  const primaries = info
    ? [
        {
          api_address: info.apiAddr,
          clock_skew_ms: String(info.time - (runner?.lastHeartbeat ?? info.time)),
          cluster_address: info.clusterAddr,
          connection_status: connected ? 'connected' : 'disconnected',
          last_heartbeat: rfc3339Local(runner?.lastHeartbeat ?? 0),
          last_heartbeat_duration_ms: String(runner?.lastHeartbeatDurationMs ?? 0),
          replication_primary_canary_age_ms: '0',
        },
      ]
    : [];
  return {
    cluster_id: state.clusterId,
    connection_state: runner?.connectionState ?? 'idle',
    corrupted_merkle_tree: false,
    known_primary_cluster_addrs: [state.primaryClusterAddr],
    last_corruption_check_epoch: NEVER_EPOCH,
    last_reindex_epoch: reindex,
    last_remote_wal: storage.lastRemoteWal,
    last_start: rfc3339Local(input.lastStart || Date.now()),
    merkle_root: storage.merkleRoot(),
    ...(runner?.syncProgress
      ? {
          merkle_sync_progress: {
            sync_progress: runner.syncProgress.synced,
            sync_total_keys: runner.syncProgress.total,
          },
        }
      : {}),
    mode: 'secondary',
    primaries,
    primary_cluster_addr: state.primaryClusterAddr,
    secondary_id: state.secondaryId,
    ssct_generation_counter: 0,
    state: runner?.state ?? 'idle',
  };
}
