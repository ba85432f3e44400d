import { KEYS } from '../../core/storage-keys.js';
import { encodeJSON, readJSON, type StorageView } from '../../logical/storage-view.js';

/** auth/token/roles/:name as stored. */
export interface TokenRole {
  readonly name: string;
  readonly allowed_policies: string[];
  readonly disallowed_policies: string[];
  readonly orphan: boolean;
  readonly renewable: boolean;
  readonly token_type: 'service' | 'batch' | 'default-service' | 'default-batch';
  readonly token_ttl: number;
  readonly token_max_ttl: number;
  readonly token_explicit_max_ttl: number;
  readonly token_period: number;
  readonly path_suffix: string;
  /** Tokens from this role only work from these CIDRs (token_bound_cidrs). */
  readonly token_bound_cidrs?: string[];
}

export const readRole = (storage: StorageView, name: string) =>
  readJSON<TokenRole>(storage, `${KEYS.tokenRolesPrefix}${name.toLowerCase()}`);

export const writeRole = (storage: StorageView, role: TokenRole) =>
  storage.put(`${KEYS.tokenRolesPrefix}${role.name}`, encodeJSON(role));

export const deleteRole = (storage: StorageView, name: string) =>
  storage.delete(`${KEYS.tokenRolesPrefix}${name.toLowerCase()}`);

export const listRoles = (storage: StorageView) => storage.list(KEYS.tokenRolesPrefix);
