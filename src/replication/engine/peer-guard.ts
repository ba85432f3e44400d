import type { PrimaryService } from '../primary-service.js';
import type { DrPrimaryState } from '../replication-state.js';
import type { ReplicationHost } from './host.js';
import { linkFor } from './link-factory.js';

const PEER_CHECK_MS = 5_000;
/** A rival a secondary reported is forgotten after an hour without news. */
const RIVAL_MEMORY_MS = 60 * 60_000;

/** Another cluster of the same replication set that acts as a primary too. */
export interface RivalPrimary {
  readonly clusterId: string;
  readonly clusterAddr: string;
}

/**
 * Two-primary guard: a promoted cluster keeps its old credentials and probes its old
 * primary; if that one still answers as a primary of the same set, both report it (the old
 * primary learns it from the probe's `mode: primary`, see PrimaryService.heartbeat).
 */
export class PeerGuard {
  private timer: NodeJS.Timeout | undefined;
  private seen: { readonly clusterAddr: string; readonly apiAddr: string } | null = null;

  constructor(private readonly host: ReplicationHost) {}

  start(state: DrPrimaryState): void {
    this.stop();
    const former = state.formerPrimary;
    if (!former) return;
    const probe = async () => {
      let link: Awaited<ReturnType<typeof linkFor>>;
      try {
        link = await linkFor({ ...former, primaryClusterAddr: former.clusterAddr });
      } catch (error) {
        this.host.log('peer-guard-link', error);
        return;
      }
      try {
        const reply = await link.heartbeat({
          lastRemoteWal: 0,
          apiAddr: this.host.apiAddr,
          clusterAddr: this.host.clusterAddr,
          time: Date.now(),
          mode: 'primary',
        });
        this.seen =
          reply.mode === 'primary' && reply.clusterId === state.clusterId
            ? { clusterAddr: former.clusterAddr, apiAddr: reply.apiAddr }
            : null;
      } catch {
        // Unreachable, demoted or refusing us: the answer is "no second primary visible".
        this.seen = null;
      } finally {
        await link.close();
      }
    };
    void probe();
    this.timer = setInterval(() => void probe(), PEER_CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.seen = null;
  }

  /** The rival this primary sees: the old primary it probes, or a secondary that says it is one. */
  rival(state: DrPrimaryState, service: PrimaryService | null): RivalPrimary | undefined {
    const now = Date.now();
    const reported = [...(service?.rivals.values() ?? [])].find((r) => now - r.since < RIVAL_MEMORY_MS);
    const clusterAddr = this.seen?.clusterAddr ?? reported?.clusterAddr;
    return clusterAddr === undefined ? undefined : { clusterId: state.clusterId, clusterAddr };
  }
}
