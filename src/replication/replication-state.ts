import type { IssuedCert, ReplicationCA } from './activation/replication-ca.js';

/** A secondary the primary issued a token for. */
export interface KnownSecondary {
  readonly id: string;
  /** The CN of its client certificate: how the cluster listener recognises it. */
  readonly certName: string;
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
}

export interface DrSecondaryState {
  readonly mode: 'secondary';
  readonly clusterId: string;
  readonly secondaryId: string;
  readonly primaryApiAddr: string;
  readonly primaryClusterAddr: string;
  readonly caCertDer: string;
  readonly client: IssuedCert;
  readonly lastReindexEpoch: number;
}

export type DrState = { readonly mode: 'disabled' } | DrPrimaryState | DrSecondaryState;

/** Node-class key (never replicated), stored behind the barrier since it holds private keys. */
export const DR_STATE_KEY = 'core/replication/dr-state';

/** The ReplicationState bit for a DR secondary, as the activation bundle's `mode` carries it. */
export const MODE_DR_SECONDARY = 512;
