import { createHash, createHmac, randomUUID } from 'node:crypto';
import { readJSON, type StorageView, writeJSON } from '../../logical/storage-view.js';
import { newTokenParams, type TokenParams } from '../token-params.js';

/**
 * Storage layout of Vault's builtin/credential/approle: `role/<name>`, `role_id/<salted id>`,
 * `secret_id/<hmac(role)>/<hmac(secret)>` and `accessor/<salted accessor>` (with `_local`
 * twins for roles created with local_secret_ids). Secret ids are kept only as HMACs.
 */
export const ROLE_PREFIX = 'role/';
export const ROLE_ID_PREFIX = 'role_id/';
export const SECRET_ID_PREFIX = 'secret_id/';
export const SECRET_ID_LOCAL_PREFIX = 'secret_id_local/';
export const ACCESSOR_PREFIX = 'accessor/';
export const ACCESSOR_LOCAL_PREFIX = 'accessor_local/';
const SALT_KEY = 'salt';

export interface RoleEntry extends TokenParams {
  roleId: string;
  hmacKey: string;
  bindSecretId: boolean;
  secretIdBoundCIDRs: string[];
  secretIdNumUses: number;
  /** Seconds. */
  secretIdTTL: number;
  /** `secret_id/` or `secret_id_local/`. */
  secretIdPrefix: string;
  /** Deprecated `policies` / `period`, echoed on read when set. */
  policies: string[];
  period: number;
}

export const newRoleEntry = (): RoleEntry => ({
  ...newTokenParams(),
  roleId: '',
  hmacKey: randomUUID(),
  bindSecretId: true,
  secretIdBoundCIDRs: [],
  secretIdNumUses: 0,
  secretIdTTL: 0,
  secretIdPrefix: SECRET_ID_PREFIX,
  policies: [],
  period: 0,
});

/** Role names are stored lower-cased (Vault's LowerCaseRoleName for roles made since 0.9). */
export const roleKey = (name: string): string => `${ROLE_PREFIX}${name.toLowerCase()}`;

export async function loadRole(storage: StorageView, name: string): Promise<RoleEntry | null> {
  const stored = await readJSON<RoleEntry>(storage, roleKey(name));
  return stored === null ? null : { ...newRoleEntry(), ...stored };
}

export const saveRole = (storage: StorageView, name: string, role: RoleEntry): Promise<void> =>
  writeJSON(storage, roleKey(name), role);

/** createHMAC in validation.go: hex HMAC-SHA256 keyed by the role's hmac_key. */
export const hmacOf = (key: string, value: string): string =>
  createHmac('sha256', key).update(value).digest('hex');

/**
 * The mount's salt (Vault's salt.Salt), made on first write. Readers that find none treat
 * every salted index as absent, so a secondary never has to write it.
 */
export async function saltOf(storage: StorageView, create: boolean): Promise<string | null> {
  const existing = await readJSON<{ salt: string }>(storage, SALT_KEY);
  if (existing) return existing.salt;
  if (!create) return null;
  const salt = randomUUID();
  await writeJSON(storage, SALT_KEY, { salt });
  return salt;
}

/** salt.SaltID: SHA-256 of salt + id, hex. */
export const saltId = (salt: string, id: string): string =>
  createHash('sha256')
    .update(salt + id)
    .digest('hex');

export async function roleNameForRoleId(storage: StorageView, roleId: string): Promise<string | null> {
  const salt = await saltOf(storage, false);
  if (salt === null) return null;
  const entry = await readJSON<{ name: string }>(storage, `${ROLE_ID_PREFIX}${saltId(salt, roleId)}`);
  return entry?.name ?? null;
}

export async function setRoleIdIndex(storage: StorageView, roleId: string, name: string): Promise<void> {
  const salt = (await saltOf(storage, true)) ?? '';
  await writeJSON(storage, `${ROLE_ID_PREFIX}${saltId(salt, roleId)}`, { name });
}

export async function deleteRoleIdIndex(storage: StorageView, roleId: string): Promise<void> {
  const salt = await saltOf(storage, false);
  if (salt !== null) await storage.delete(`${ROLE_ID_PREFIX}${saltId(salt, roleId)}`);
}

export const accessorPrefixFor = (role: RoleEntry): string =>
  role.secretIdPrefix === SECRET_ID_LOCAL_PREFIX ? ACCESSOR_LOCAL_PREFIX : ACCESSOR_PREFIX;
