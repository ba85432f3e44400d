import { readJSON, type StorageView, writeJSON } from '../../logical/storage-view.js';
import { newTokenParams, type TokenParams } from '../token-params.js';

/** vault-plugin-auth-jwt's jwtRole, the fields a `role_type=jwt` role uses (seconds for durations). */
export interface JwtRole extends TokenParams {
  roleType: 'jwt' | 'oidc';
  boundAudiences: string[];
  boundSubject: string;
  boundClaimsType: 'string' | 'glob';
  boundClaims: Record<string, unknown>;
  claimMappings: Record<string, string>;
  userClaim: string;
  groupsClaim: string;
  expirationLeeway: number;
  notBeforeLeeway: number;
  clockSkewLeeway: number;
  allowedRedirectURIs: string[];
}

export const ROLE_PREFIX = 'role/';

export const newRole = (): JwtRole => ({
  ...newTokenParams(),
  roleType: 'oidc',
  boundAudiences: [],
  boundSubject: '',
  boundClaimsType: 'string',
  boundClaims: {},
  claimMappings: {},
  userClaim: '',
  groupsClaim: '',
  expirationLeeway: 150,
  notBeforeLeeway: 150,
  clockSkewLeeway: 60,
  allowedRedirectURIs: [],
});

export async function loadRole(storage: StorageView, name: string): Promise<JwtRole | null> {
  const stored = await readJSON<JwtRole>(storage, `${ROLE_PREFIX}${name.toLowerCase()}`);
  return stored === null ? null : { ...newRole(), ...stored };
}

export const saveRole = (storage: StorageView, name: string, role: JwtRole): Promise<void> =>
  writeJSON(storage, `${ROLE_PREFIX}${name.toLowerCase()}`, role);
