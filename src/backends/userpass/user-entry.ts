import { readJSON, type StorageView, writeJSON } from '../../logical/storage-view.js';
import type { PasswordHash } from './password-hash.js';

export type UserTokenType = 'default' | 'service' | 'batch';

/**
 * A userpass user: the password hash plus Vault's tokenutil.TokenParams (durations in
 * seconds) and the deprecated pre-`token_*` fields, which reads still echo.
 */
export interface UserEntry {
  passwordHash: PasswordHash | null;
  tokenPolicies: string[];
  tokenTTL: number;
  tokenMaxTTL: number;
  tokenExplicitMaxTTL: number;
  tokenPeriod: number;
  tokenNumUses: number;
  tokenNoDefaultPolicy: boolean;
  tokenType: UserTokenType;
  tokenBoundCIDRs: string[];
  policies: string[];
  ttl: number;
  maxTTL: number;
  boundCIDRs: string[];
}

export const USER_PREFIX = 'user/';

export const newUserEntry = (): UserEntry => ({
  passwordHash: null,
  tokenPolicies: [],
  tokenTTL: 0,
  tokenMaxTTL: 0,
  tokenExplicitMaxTTL: 0,
  tokenPeriod: 0,
  tokenNumUses: 0,
  tokenNoDefaultPolicy: false,
  tokenType: 'default',
  tokenBoundCIDRs: [],
  policies: [],
  ttl: 0,
  maxTTL: 0,
  boundCIDRs: [],
});

/** Vault's `b.user`: names are case-insensitive; legacy values fill empty `token_*` ones. */
export async function loadUser(storage: StorageView, username: string): Promise<UserEntry | null> {
  const stored = await readJSON<UserEntry>(storage, `${USER_PREFIX}${username.toLowerCase()}`);
  if (stored === null) return null;
  const user = { ...newUserEntry(), ...stored };
  if (user.tokenTTL === 0 && user.ttl > 0) user.tokenTTL = user.ttl;
  if (user.tokenMaxTTL === 0 && user.maxTTL > 0) user.tokenMaxTTL = user.maxTTL;
  if (user.tokenPolicies.length === 0 && user.policies.length > 0) user.tokenPolicies = user.policies;
  if (user.tokenBoundCIDRs.length === 0 && user.boundCIDRs.length > 0) user.tokenBoundCIDRs = user.boundCIDRs;
  return user;
}

export const saveUser = (storage: StorageView, username: string, user: UserEntry): Promise<void> =>
  writeJSON(storage, `${USER_PREFIX}${username.toLowerCase()}`, user);
