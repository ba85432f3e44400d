import type { Link } from '../link/link.js';
import type { PrimaryService } from '../primary-service.js';
import type { DrPrimaryState, DrSecondaryState } from '../replication-state.js';
import type { SecondaryRunner } from '../secondary-runner.js';
import type { ReplicationHost } from './host.js';
import type { ReplicationMode } from './mode.js';
import type { RoleStore } from './role-store.js';

/** What the engine's parts (primary operations, activation, failover) share: its running pieces. */
export interface EngineContext {
  readonly host: ReplicationHost;
  readonly policy: ReplicationMode;
  readonly roles: RoleStore;
  readonly service: PrimaryService | null;
  readonly runner: SecondaryRunner | null;
  /** Serves secondaries: the primary service, the cluster listener, the two-primary probe. */
  startPrimary(state: DrPrimaryState): Promise<void>;
  stopPrimary(): Promise<void>;
  /** Replicates from the primary `state` names, over `link` when one is already open. */
  startRunner(state: DrSecondaryState, link?: Link, reconcileFirst?: boolean): Promise<void>;
  stopRunner(): Promise<void>;
  /** This cluster now has its primary's seal keys (the embedded client keeps its unseal key in step). */
  sealKeysReplaced(primaryApiAddr: string): Promise<void>;
}
