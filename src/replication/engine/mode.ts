import type { StorageClass } from '../../core/storage-keys.js';

/**
 * What one replication mode is, as data the engine reads: DR now, performance next (a
 * second object of this shape). The engine's parts are the same for both; what differs is
 * what the primary ships, what the secondary takes over, and what it may serve.
 */
export interface ReplicationMode {
  /** Names the `sys/replication/<name>/` paths, the state keys and the texts. */
  readonly name: 'dr' | 'performance';
  /** The ReplicationState bit an activation bundle carries for a secondary of this mode. */
  readonly secondaryBit: number;
  /** Storage classes the primary ships to this mode's secondaries (the rest stays local). */
  readonly shipped: ReadonlySet<StorageClass>;
  /** Whether activation wipes the secondary and installs the primary's seal keys and keyring. */
  readonly secondaryTakesSealKeys: boolean;
  /** Whether a secondary answers client requests beyond the paths marked for it. */
  readonly secondaryServesClients: boolean;
  /** Whether tokens and leases made on the primary are valid on the secondary (they ship with it). */
  readonly replicatesTokens: boolean;
  /** Node-class keys: the persisted role, the generate-public-key pair, the heartbeat contacts. */
  readonly keys: { readonly state: string; readonly secondaryKey: string; readonly contacts: string };
  /** The path whose response-wrapped answer is this mode's activation token. */
  readonly tokenPath: string;
}
