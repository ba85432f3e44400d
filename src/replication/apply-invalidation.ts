import type { Core } from '../core/core.js';
import { adoptReplicatedSealKeys } from '../core/rekey-commit.js';
import { KEYS } from '../core/storage-keys.js';

/** The stored tables behind the router and the audit broker. */
const TABLE_KEYS: ReadonlySet<string> = new Set([
  KEYS.mounts,
  KEYS.localMounts,
  KEYS.authMounts,
  KEYS.localAuthMounts,
  KEYS.audit,
  KEYS.localAudit,
]);

/**
 * After the apply path wrote `keys` (a WAL batch or a merkle-sync chunk), drops or reloads
 * every in-memory view built from them, as Vault's per-subsystem `invalidate` hooks do on a
 * secondary: the keyring first (what follows may be sealed under a new term), then
 * policies, the wrapping JWT key, and the mount, auth and audit tables.
 */
export async function invalidateApplied(core: Core, keys: readonly string[]): Promise<void> {
  if (keys.includes(KEYS.keyring)) await core.barrier.reloadKeyring();
  // A rekey on the primary: adopt its new seal keys so the next unseal takes the new shares.
  if (keys.includes(KEYS.drSealKeys))
    await adoptReplicatedSealKeys(core.barrier, core.seal, core.storage.inner);
  if (keys.some((key) => key.startsWith(KEYS.policyPrefix))) core.policies.clearCache();
  if (keys.includes(KEYS.wrappingJwtKey)) core.wrapping.forgetKey();
  if (keys.some((key) => TABLE_KEYS.has(key))) {
    core.mounts.unload();
    await core.audit.closeAll();
    await core.mounts.load(false);
    await core.mounts.loadAudit();
  }
}
