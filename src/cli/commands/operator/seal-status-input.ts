import type { JsonObject } from '../../../gocompat/json-value.js';
import type { LeaderInput, SealStatusInput } from '../../output/seal-status.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** sys/seal-status as `api.SealStatusResponse` decodes it: absent fields are Go's zero values. */
export function asSealStatus(raw: JsonObject): SealStatusInput {
  const optional = (key: string) => (typeof raw[key] === 'string' ? { [key]: raw[key] } : {});
  const warnings = raw.warnings;
  return {
    type: str(raw.type),
    initialized: raw.initialized === true,
    sealed: raw.sealed === true,
    t: num(raw.t),
    n: num(raw.n),
    progress: num(raw.progress),
    nonce: str(raw.nonce),
    version: str(raw.version),
    build_date: str(raw.build_date),
    migration: raw.migration === true,
    recovery_seal: raw.recovery_seal === true,
    ...optional('cluster_name'),
    ...optional('cluster_id'),
    ...optional('recovery_seal_type'),
    ...optional('storage_type'),
    ...(typeof raw.removed_from_cluster === 'boolean'
      ? { removed_from_cluster: raw.removed_from_cluster }
      : {}),
    ...(Array.isArray(warnings) ? { warnings: warnings.filter((w) => typeof w === 'string') } : {}),
    ...(typeof raw.migration_done_at_epoch === 'number'
      ? { migration_done_at_epoch: raw.migration_done_at_epoch }
      : {}),
  };
}

/** sys/leader as `api.LeaderResponse` decodes it. */
export function asLeader(raw: JsonObject): LeaderInput {
  const optional = (key: string) => (typeof raw[key] === 'string' ? { [key]: raw[key] } : {});
  const counter = (key: string) => (typeof raw[key] === 'number' ? { [key]: raw[key] } : {});
  return {
    ha_enabled: raw.ha_enabled === true,
    ...(typeof raw.is_self === 'boolean' ? { is_self: raw.is_self } : {}),
    ...(typeof raw.performance_standby === 'boolean' ? { performance_standby: raw.performance_standby } : {}),
    ...optional('active_time'),
    ...optional('leader_address'),
    ...optional('leader_cluster_address'),
    ...counter('performance_standby_last_remote_wal'),
    ...counter('last_wal'),
    ...counter('raft_committed_index'),
    ...counter('raft_applied_index'),
  };
}
