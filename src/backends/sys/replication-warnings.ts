import type { RivalPrimary } from '../../replication/engine/peer-guard.js';

/** Vault's warning texts for the sys/replication/dr/* operations (reference section 2). */
export const WARN_PRIMARY_ENABLE =
  'This cluster is being enabled as a primary for replication. Vault will be unavailable for a brief period and will resume service shortly.';
export const WARN_SECONDARY_ENABLE =
  'Vault has successfully found secondary information; it may take a while to perform setup tasks. Vault will be unavailable until these tasks and initial sync complete.';
export const WARN_PROMOTE =
  'This cluster is being promoted to a replication primary. Vault will be unavailable for a brief period and will resume service shortly.';
export const WARN_DEMOTE =
  'This cluster is being demoted to a replication secondary. Vault will be unavailable for a brief period and will resume service shortly.';
/** Vault's docs show no text for update-primary; hvr reuses the secondary-information wording (inferred). */
export const WARN_UPDATE_PRIMARY = WARN_SECONDARY_ENABLE;
export const WARN_PRIMARY_DISABLE =
  'This cluster is having replication disabled. Vault will be unavailable for a brief period and will resume service shortly.';
export const WARN_REINDEX = 'Reindex completed: the merkle index was rebuilt from the data in storage.';

/** hvr's two-primary warning (Vault has none): both sides of a split show it on status. */
export const twoPrimaryWarning = (rival: RivalPrimary): string =>
  `Two DR primaries for replication set ${rival.clusterId}: this cluster and the one at ${rival.clusterAddr} both act as primary. Writes to both will diverge; demote one of them (sys/replication/dr/primary/demote) and re-attach it with update-primary.`;
