import type { Barrier } from '../../core/barrier.js';
import type { StorageClass } from '../../core/storage-keys.js';
import type { StorageView } from '../../core/storage-view.js';
import type { OperationTokens } from '../operation-tokens.js';
import type { ReplicatedStorage } from '../replicated-storage.js';

/**
 * What the replication engine needs from the node it runs in, and nothing more: its
 * storage and barrier, its identity (addresses, how keys are classed), and the hooks that
 * keep the node's in-memory state in step with what replication wrote.
 */
export interface ReplicationHost {
  readonly storage: ReplicatedStorage;
  readonly barrier: Barrier;
  /** Barrier-encrypted view of the node's own storage (role state, contacts). */
  readonly root: StorageView;
  readonly apiAddr: string;
  readonly clusterAddr: string;
  readonly operationTokens: OperationTokens;
  classOf(key: string): StorageClass;
  /** The seal config in storage was replaced (a secondary took its primary's). */
  forgetSealConfig(): void;
  /** Re-read mounts, policies and audit devices (a secondary that became a primary or standalone). */
  reload(): Promise<void>;
  /** The apply path wrote `keys`: drop or reload what the node built from them. */
  invalidate(keys: readonly string[]): Promise<void>;
  /** A background failure the engine cannot answer to a caller (the server log shows it). */
  log(event: string, error: unknown): void;
}
