import { readJSON, type StorageView, writeJSON } from '../../logical/storage-view.js';

/** The parts of vault-plugin-auth-jwt's jwtConfig that machine logins use. */
export interface JwtConfig {
  oidcDiscoveryURL: string;
  oidcDiscoveryCAPEM: string;
  jwksURL: string;
  jwksCAPEM: string;
  jwtValidationPubKeys: string[];
  jwtSupportedAlgs: string[];
  boundIssuer: string;
  defaultRole: string;
}

export const CONFIG_KEY = 'config';

export const newConfig = (): JwtConfig => ({
  oidcDiscoveryURL: '',
  oidcDiscoveryCAPEM: '',
  jwksURL: '',
  jwksCAPEM: '',
  jwtValidationPubKeys: [],
  jwtSupportedAlgs: [],
  boundIssuer: '',
  defaultRole: '',
});

export async function loadConfig(storage: StorageView): Promise<JwtConfig | null> {
  const stored = await readJSON<JwtConfig>(storage, CONFIG_KEY);
  return stored === null ? null : { ...newConfig(), ...stored };
}

export const saveConfig = (storage: StorageView, config: JwtConfig): Promise<void> =>
  writeJSON(storage, CONFIG_KEY, config);
