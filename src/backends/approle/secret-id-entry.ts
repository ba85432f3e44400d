import { randomUUID } from 'node:crypto';
import { msToRfc3339Nano } from '../../gocompat/time.js';
import { readJSON, type StorageView, writeJSON } from '../../logical/storage-view.js';
import { accessorPrefixFor, hmacOf, type RoleEntry, saltId, saltOf } from './role-entry.js';

/** validation.go's secretIDStorageEntry; times are epoch ms (0 = none). */
export interface SecretIdEntry {
  secretIdAccessor: string;
  secretIdNumUses: number;
  /** Seconds. */
  secretIdTTL: number;
  creationTime: number;
  expirationTime: number;
  lastUpdatedTime: number;
  metadata: Record<string, string>;
  cidrList: string[];
  tokenBoundCIDRs: string[];
}

/** Go's zero time.Time, which Vault prints for a secret id that never expires. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export const secretIdKey = (role: RoleEntry, roleName: string, secretIdHmac: string): string =>
  `${role.secretIdPrefix}${hmacOf(role.hmacKey, roleName)}/${secretIdHmac}`;

export const readSecretId = (storage: StorageView, key: string): Promise<SecretIdEntry | null> =>
  readJSON<SecretIdEntry>(storage, key);

export const isExpired = (entry: SecretIdEntry, now = Date.now()): boolean =>
  entry.expirationTime > 0 && now > entry.expirationTime;

/** secretIDStorageEntry.ToResponseData. */
export const secretIdData = (entry: SecretIdEntry): Record<string, unknown> => ({
  cidr_list: entry.cidrList,
  creation_time: msToRfc3339Nano(entry.creationTime),
  expiration_time: entry.expirationTime > 0 ? msToRfc3339Nano(entry.expirationTime) : ZERO_TIME,
  last_updated_time: msToRfc3339Nano(entry.lastUpdatedTime),
  metadata: entry.metadata,
  secret_id_accessor: entry.secretIdAccessor,
  secret_id_num_uses: entry.secretIdNumUses,
  secret_id_ttl: entry.secretIdTTL,
  token_bound_cidrs: entry.tokenBoundCIDRs,
});

async function accessorKey(storage: StorageView, role: RoleEntry, accessor: string): Promise<string | null> {
  const salt = await saltOf(storage, false);
  return salt === null ? null : `${accessorPrefixFor(role)}${saltId(salt, accessor)}`;
}

export async function secretIdHmacForAccessor(
  storage: StorageView,
  role: RoleEntry,
  accessor: string,
): Promise<string | null> {
  const key = await accessorKey(storage, role, accessor);
  if (key === null) return null;
  return (await readJSON<{ secret_id_hmac: string }>(storage, key))?.secret_id_hmac ?? null;
}

export async function deleteAccessor(storage: StorageView, role: RoleEntry, accessor: string): Promise<void> {
  const key = await accessorKey(storage, role, accessor);
  if (key !== null) await storage.delete(key);
}

/** registerSecretIDEntry: refuses a secret id already registered; stores entry and accessor index. */
export async function registerSecretId(
  storage: StorageView,
  role: RoleEntry,
  roleName: string,
  secretId: string,
  entry: Omit<SecretIdEntry, 'secretIdAccessor' | 'creationTime' | 'lastUpdatedTime' | 'expirationTime'>,
  maxTTL: number,
): Promise<SecretIdEntry> {
  const secretHmac = hmacOf(role.hmacKey, secretId);
  const key = secretIdKey(role, roleName, secretHmac);
  if ((await storage.get(key)) !== null) throw new Error('SecretID is already registered');
  const now = Date.now();
  const ttl = effectiveSecretIdTTL(entry.secretIdTTL, maxTTL);
  const full: SecretIdEntry = {
    ...entry,
    secretIdAccessor: randomUUID(),
    creationTime: now,
    lastUpdatedTime: now,
    expirationTime: ttl > 0 ? now + ttl * 1000 : 0,
  };
  const salt = (await saltOf(storage, true)) ?? '';
  await writeJSON(storage, `${accessorPrefixFor(role)}${saltId(salt, full.secretIdAccessor)}`, {
    secret_id_hmac: secretHmac,
  });
  await writeJSON(storage, key, full);
  return full;
}

/** deriveSecretIDTTL: negative or above the mount's max lease TTL means the max. */
export const effectiveSecretIdTTL = (ttl: number, maxTTL: number): number =>
  ttl < 0 || ttl > maxTTL ? maxTTL : ttl;
