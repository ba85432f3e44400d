/**
 * Every storage key prefix of the node, written once. The class of a key (DESIGN.md) is
 * decided here by longest prefix: replicated entries go to every secondary, local ones to
 * DR secondaries only, node entries never leave this cluster.
 */
export type StorageClass = 'replicated' | 'local' | 'node';

export const KEYS = {
  /** Plaintext: the seal's shares/threshold. */
  sealConfig: 'core/seal-config',
  /** The root key, encrypted with the combined unseal key. */
  rootKey: 'core/root-key',
  /** After a rekey: the new sealed root key and seal config, sent to DR secondaries (rekey-commit.ts). */
  drSealKeys: 'core/dr-seal-keys',
  /** The barrier keyring (terms), encrypted with the root key. */
  keyring: 'core/keyring',
  /** Encrypted canary written at init, read at unseal to prove the key. */
  canary: 'core/canary',
  clusterInfo: 'core/cluster/local/info',
  mounts: 'core/mounts',
  localMounts: 'core/local-mounts',
  authMounts: 'core/auth',
  localAuthMounts: 'core/local-auth',
  audit: 'core/audit',
  localAudit: 'core/local-audit',
  wrappingJwtKey: 'core/wrapping/jwtkey',
  policyPrefix: 'sys/policy/',
  tokenPrefix: 'sys/token/',
  tokenIdPrefix: 'sys/token/id/',
  tokenAccessorPrefix: 'sys/token/accessor/',
  tokenParentPrefix: 'sys/token/parent/',
  tokenRolesPrefix: 'sys/token/roles/',
  /** The token-key salt; local class like the rest of sys/token/, so DR secondaries get it. */
  tokenSalt: 'sys/token/salt',
  leasePrefix: 'sys/expire/id/',
  generateRootPrefix: 'core/generate-root/',
  auditSaltPrefix: 'core/audit-salt/',
  logicalPrefix: 'logical/',
  authPrefix: 'auth/',
  replicationPrefix: 'core/replication/',
  /** Locked users (Vault's coreLockedUsersPath): `<mount accessor>/<alias>` → last failure. */
  lockedUsersPrefix: 'core/login/lockedUsers/',
} as const;

const CLASS_BY_PREFIX: ReadonlyArray<readonly [string, StorageClass]> = [
  [KEYS.sealConfig, 'node'],
  [KEYS.rootKey, 'node'],
  [KEYS.drSealKeys, 'local'],
  [KEYS.canary, 'replicated'],
  [KEYS.keyring, 'replicated'],
  [KEYS.clusterInfo, 'node'],
  [KEYS.replicationPrefix, 'node'],
  [KEYS.generateRootPrefix, 'node'],
  [KEYS.lockedUsersPrefix, 'local'],
  [KEYS.mounts, 'replicated'],
  [KEYS.authMounts, 'replicated'],
  [KEYS.audit, 'replicated'],
  [KEYS.localMounts, 'local'],
  [KEYS.localAuthMounts, 'local'],
  [KEYS.localAudit, 'local'],
  [KEYS.auditSaltPrefix, 'local'],
  [KEYS.wrappingJwtKey, 'replicated'],
  [KEYS.policyPrefix, 'replicated'],
  [KEYS.tokenRolesPrefix, 'replicated'],
  [KEYS.tokenPrefix, 'local'],
  [KEYS.leasePrefix, 'local'],
  [KEYS.logicalPrefix, 'replicated'],
  [KEYS.authPrefix, 'replicated'],
  ['core/', 'replicated'],
];

/**
 * Classifies keys for one node. Local mounts and backends' LocalStorage paths add
 * prefixes at mount time, so the classifier lives with the node, not in module state.
 */
export class StorageClassifier {
  private readonly localPrefixes = new Set<string>();

  addLocalPrefix(prefix: string): void {
    this.localPrefixes.add(prefix);
  }

  removeLocalPrefix(prefix: string): void {
    this.localPrefixes.delete(prefix);
  }

  classOf(key: string): StorageClass {
    for (const prefix of this.localPrefixes) if (key.startsWith(prefix)) return 'local';
    let best: readonly [string, StorageClass] | undefined;
    for (const rule of CLASS_BY_PREFIX) {
      if (key.startsWith(rule[0]) && (best === undefined || rule[0].length > best[0].length)) best = rule;
    }
    return best?.[1] ?? 'replicated';
  }
}
