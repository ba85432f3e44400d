import { goTimeRfc3339Nano } from '../../gocompat/time.js';
import { tableOutput } from './columnize.js';
import { goSprint } from './go-sprint.js';
import { type GoStruct, goStruct } from './go-value.js';

/**
 * `vault status`: `sys/seal-status` and `sys/leader` as the wire sends them, combined into
 * Vault's `SealStatusOutput` (command/base/format.go) for the table and JSON/YAML.
 */
export interface SealStatusInput {
  readonly type: string;
  readonly initialized: boolean;
  readonly sealed: boolean;
  readonly t: number;
  readonly n: number;
  readonly progress: number;
  readonly nonce: string;
  readonly version: string;
  readonly build_date: string;
  readonly migration: boolean;
  readonly cluster_name?: string;
  readonly cluster_id?: string;
  readonly recovery_seal: boolean;
  readonly recovery_seal_type?: string;
  readonly storage_type?: string;
  readonly removed_from_cluster?: boolean;
  readonly warnings?: readonly string[] | null;
  readonly migration_done_at_epoch?: number;
}

export interface LeaderInput {
  readonly ha_enabled: boolean;
  readonly is_self?: boolean;
  /** RFC 3339; Go's zero time `0001-01-01T00:00:00Z` when not HA. */
  readonly active_time?: string;
  readonly leader_address?: string;
  readonly leader_cluster_address?: string;
  readonly performance_standby?: boolean;
  readonly performance_standby_last_remote_wal?: number;
  readonly last_wal?: number;
  readonly raft_committed_index?: number;
  readonly raft_applied_index?: number;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const tf = (b: boolean | undefined): string => (b === true ? 'true' : 'false');

export function sealStatusTable(s: SealStatusInput, l: LeaderInput): string {
  const prefix = s.recovery_seal ? 'Recovery ' : '';
  const out = ['Key | Value', `Seal Type | ${s.type}`];
  if (s.recovery_seal) out.push(`Recovery Seal Type | ${s.recovery_seal_type ?? ''}`);
  out.push(`Initialized | ${tf(s.initialized)}`, `Sealed | ${tf(s.sealed)}`);
  out.push(`Total ${prefix}Shares | ${s.n}`, `Threshold | ${s.t}`);
  if (s.sealed) out.push(`Unseal Progress | ${s.progress}/${s.t}`, `Unseal Nonce | ${s.nonce}`);
  if (s.migration) out.push('Seal Migration in Progress | true');
  out.push(
    `Version | ${s.version}`,
    `Build Date | ${s.build_date}`,
    `Storage Type | ${s.storage_type ?? ''}`,
  );
  if (s.cluster_name && s.cluster_id)
    out.push(`Cluster Name | ${s.cluster_name}`, `Cluster ID | ${s.cluster_id}`);
  if (s.removed_from_cluster !== undefined) out.push(`Removed From Cluster | ${tf(s.removed_from_cluster)}`);
  out.push(`HA Enabled | ${tf(l.ha_enabled)}`);
  if (l.ha_enabled && !s.sealed) {
    out.push(`HA Cluster | ${l.leader_cluster_address ?? ''}`);
    out.push(`HA Mode | ${l.is_self === true ? 'active' : 'standby'}`);
    const activeTime = l.active_time ?? ZERO_TIME;
    if (l.is_self === true && goTimeRfc3339Nano(activeTime) !== ZERO_TIME) {
      out.push(`Active Since | ${goTimeRfc3339Nano(activeTime)}`);
    }
    if (l.is_self !== true) out.push(`Active Node Address | ${l.leader_address || '<none>'}`);
    if (l.performance_standby === true) {
      out.push('Performance Standby Node | true');
      out.push(`Performance Standby Last Remote WAL | ${l.performance_standby_last_remote_wal ?? 0}`);
    }
  }
  if ((l.raft_committed_index ?? 0) > 0) out.push(`Raft Committed Index | ${l.raft_committed_index}`);
  if ((l.raft_applied_index ?? 0) > 0) out.push(`Raft Applied Index | ${l.raft_applied_index}`);
  if ((l.last_wal ?? 0) !== 0) out.push(`Last WAL | ${l.last_wal}`);
  if (s.warnings && s.warnings.length > 0) out.push(`Warnings | ${goSprint([...s.warnings])}`);
  return tableOutput(out, '|');
}

/** The JSON/YAML shape: the embedded SealStatusResponse, then the leader fields. */
export function sealStatusDocument(s: SealStatusInput, l: LeaderInput): GoStruct {
  const f: [string, unknown][] = [
    ['type', s.type],
    ['initialized', s.initialized],
    ['sealed', s.sealed],
    ['t', s.t],
    ['n', s.n],
    ['progress', s.progress],
    ['nonce', s.nonce],
    ['version', s.version],
    ['build_date', s.build_date],
    ['migration', s.migration],
  ];
  if (s.cluster_name) f.push(['cluster_name', s.cluster_name]);
  if (s.cluster_id) f.push(['cluster_id', s.cluster_id]);
  f.push(['recovery_seal', s.recovery_seal]);
  if (s.recovery_seal_type) f.push(['recovery_seal_type', s.recovery_seal_type]);
  if (s.storage_type) f.push(['storage_type', s.storage_type]);
  if (s.removed_from_cluster !== undefined) f.push(['removed_from_cluster', s.removed_from_cluster]);
  if (s.warnings && s.warnings.length > 0) f.push(['warnings', s.warnings]);
  if (s.migration_done_at_epoch) f.push(['migration_done_at_epoch', s.migration_done_at_epoch]);
  f.push(['ha_enabled', l.ha_enabled]);
  if (l.is_self === true) f.push(['is_self', true]);
  f.push(['active_time', goTimeRfc3339Nano(l.active_time ?? ZERO_TIME)]);
  if (l.leader_address) f.push(['leader_address', l.leader_address]);
  if (l.leader_cluster_address) f.push(['leader_cluster_address', l.leader_cluster_address]);
  if (l.performance_standby === true) f.push(['performance_standby', true]);
  const counters = [
    'performance_standby_last_remote_wal',
    'last_wal',
    'raft_committed_index',
    'raft_applied_index',
  ] as const;
  for (const k of counters) if (l[k]) f.push([k, l[k]]);
  return goStruct(f);
}
