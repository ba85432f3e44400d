import type { IssuedCert, ReplicationCA } from './activation/replication-ca.js';

/** A secondary the primary issued a token for. */
export interface KnownSecondary {
  readonly id: string;
  /** The CN of its client certificate: how the cluster listener recognises it. */
  readonly certName: string;
  /**
   * SHA-256 of the very certificate issued to it: the cluster listener accepts that
   * certificate and no other (another one for the same CN, even from the same CA, is refused).
   * Absent on records made before certificates were bound: such a secondary needs a new token.
   */
  readonly fingerprint?: string;
  readonly revoked: boolean;
}

export interface DrPrimaryState {
  readonly mode: 'primary';
  readonly clusterId: string;
  readonly primaryClusterAddr: string;
  readonly ca: ReplicationCA;
  /** The cluster listener's certificate, signed by the CA. */
  readonly server: IssuedCert;
  readonly secondaries: readonly KnownSecondary[];
  readonly lastReindexEpoch: number;
  /** Zero-RPO mode (hvr, beyond Vault): a write waits for this many DR secondaries to apply it. */
  readonly zeroRpo?: { readonly minAcks: number; readonly ackTimeoutMs: number };
  /** On a promoted secondary: how it reached its old primary, to notice if that one still acts as primary. */
  readonly formerPrimary?: {
    readonly clusterAddr: string;
    readonly caCertDer: string;
    readonly client: IssuedCert;
    readonly primaryCertSha256?: string;
  };
}

export interface DrSecondaryState {
  readonly mode: 'secondary';
  readonly clusterId: string;
  readonly secondaryId: string;
  readonly primaryApiAddr: string;
  /** '' for a secondary connected to nothing (a demoted primary, or after update-primary with an empty token). */
  readonly primaryClusterAddr: string;
  readonly caCertDer: string;
  readonly client: IssuedCert | null;
  /** SHA-256 of the primary's cluster certificate received at activation: the only one this secondary talks to. */
  readonly primaryCertSha256?: string;
  readonly lastReindexEpoch: number;
  /** Set on a demoted primary: its own CA, so a promoted peer's old client certificate still reaches it for the two-primary check. */
  readonly formerPrimary?: Pick<DrPrimaryState, 'ca' | 'server' | 'secondaries'>;
}

export type DrState = { readonly mode: 'disabled' } | DrPrimaryState | DrSecondaryState;

/** Node-class key (never replicated), stored behind the barrier since it holds private keys. */
export const DR_STATE_KEY = 'core/replication/dr-state';

/** The ReplicationState bit for a DR secondary, as the activation bundle's `mode` carries it. */
export const MODE_DR_SECONDARY = 512;
