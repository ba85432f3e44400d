import type { ReplicationEngine } from '../../replication/engine/engine.js';
import type { Telemetry } from './telemetry.js';

/**
 * Sets the replication gauges from the DR state at each scrape: Vault's
 * `vault.core.replication.dr.*` and `vault.replication.wal.*` / `fsm.last_remote_wal`, and
 * hvr's per-secondary lag and heartbeat age under `vault.replication.dr.*`.
 */
export function collectReplicationGauges(telemetry: Telemetry, replication: ReplicationEngine): void {
  telemetry.onCollect(() => {
    const m = replication.metrics();
    telemetry.setGauge('core.replication.dr.primary', m.mode === 'primary' ? 1 : 0);
    telemetry.setGauge('core.replication.dr.secondary', m.mode === 'secondary' ? 1 : 0);
    telemetry.setGauge('core.replication.performance.primary', 0);
    telemetry.setGauge('core.replication.performance.secondary', 0);
    telemetry.setGauge('replication.wal.last_wal', m.lastWal);
    telemetry.setGauge('replication.wal.last_dr_wal', m.mode === 'primary' ? m.lastWal : 0);
    telemetry.setGauge('replication.wal.last_performance_wal', 0);
    telemetry.setGauge('replication.fsm.last_remote_wal', m.lastRemoteWal);
    telemetry.resetGauge('replication.dr.primary.secondary_wal_lag');
    telemetry.resetGauge('replication.dr.primary.secondary_heartbeat_age_ms');
    for (const s of m.secondaries) {
      telemetry.setGauge('replication.dr.primary.secondary_wal_lag', s.walLag, { secondary_id: s.id });
      telemetry.setGauge('replication.dr.primary.secondary_heartbeat_age_ms', s.heartbeatAgeMs, {
        secondary_id: s.id,
      });
    }
    if (m.mode === 'secondary') {
      telemetry.setGauge('replication.dr.secondary.wal_lag', m.walLag ?? 0);
      telemetry.setGauge('replication.dr.secondary.heartbeat_age_ms', m.heartbeatAgeMs ?? -1);
      // hvr only: a secondary resuming from its WAL cursor keeps this at 0 across restarts.
      telemetry.setGauge('replication.dr.secondary.merkle_syncs', m.merkleSyncs ?? 0);
    }
    const memory = process.memoryUsage();
    telemetry.setGauge('runtime.alloc_bytes', memory.heapUsed);
    telemetry.setGauge('runtime.sys_bytes', memory.rss);
  });
}
