import type { PrimaryService } from './primary-service.js';
import type { ReplicatedStorage } from './replicated-storage.js';
import type { DrState } from './replication-state.js';
import type { SecondaryRunner } from './secondary-runner.js';

export interface SecondaryLag {
  readonly id: string;
  /** WAL entries the primary has that this secondary has not applied yet. */
  readonly walLag: number;
  /** Milliseconds since its last heartbeat; -1 when it never sent one to this process. */
  readonly heartbeatAgeMs: number;
}

/** What the `vault.replication.*` gauges are read from, at scrape time. */
export interface ReplicationMetrics {
  readonly mode: DrState['mode'];
  readonly lastWal: number;
  readonly lastRemoteWal: number;
  /** On a primary: each secondary it issued a token for and has not revoked. */
  readonly secondaries: readonly SecondaryLag[];
  /** On a secondary: how far behind the primary's last heartbeat answer it is. */
  readonly walLag?: number;
  readonly heartbeatAgeMs?: number;
  /** On a secondary (hvr only): merkle diff-and-syncs its runner did since this process started it. */
  readonly merkleSyncs?: number;
}

export function replicationMetrics(input: {
  readonly state: DrState;
  readonly storage: ReplicatedStorage;
  readonly service: PrimaryService | null;
  readonly runner: SecondaryRunner | null;
}): ReplicationMetrics {
  const { state, storage, service, runner } = input;
  const now = Date.now();
  const base = { mode: state.mode, lastWal: storage.lastWal, lastRemoteWal: storage.lastRemoteWal };
  if (state.mode === 'primary') {
    const secondaries = state.secondaries
      .filter((s) => !s.revoked)
      .map((s) => {
        const contact = service?.contacts.get(s.id);
        const applied = Math.max(service?.appliedBy(s.id) ?? 0, contact?.lastRemoteWal ?? 0);
        return {
          id: s.id,
          walLag: Math.max(0, storage.lastWal - applied),
          heartbeatAgeMs: contact ? now - contact.lastHeartbeat : -1,
        };
      });
    return { ...base, secondaries };
  }
  if (state.mode === 'secondary') {
    const primaryLastWal = runner?.primaryInfo?.lastWal ?? storage.lastRemoteWal;
    return {
      ...base,
      secondaries: [],
      walLag: Math.max(0, primaryLastWal - storage.lastRemoteWal),
      heartbeatAgeMs: runner && runner.lastHeartbeat > 0 ? now - runner.lastHeartbeat : -1,
      merkleSyncs: runner?.reconciliations ?? 0,
    };
  }
  return { ...base, secondaries: [] };
}
