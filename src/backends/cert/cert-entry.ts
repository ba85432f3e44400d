import { readJSON, type StorageView, writeJSON } from '../../logical/storage-view.js';
import { newTokenParams, type TokenParams } from '../token-params.js';

/** builtin/credential/cert's CertEntry, stored at `cert/<name>` (lower-cased). */
export interface CertEntry extends TokenParams {
  name: string;
  certificate: string;
  displayName: string;
  allowedNames: string[];
  allowedCommonNames: string[];
  allowedDNSSANs: string[];
  allowedEmailSANs: string[];
  allowedURISANs: string[];
  allowedOrganizationalUnits: string[];
  requiredExtensions: string[];
  allowedMetadataExtensions: string[];
  /** Deprecated names, echoed on read when set. */
  policies: string[];
  ttl: number;
  maxTTL: number;
  period: number;
  boundCIDRs: string[];
}

export const CERT_PREFIX = 'cert/';
export const CONFIG_KEY = 'config';

export const newCertEntry = (name: string): CertEntry => ({
  ...newTokenParams(),
  name,
  certificate: '',
  displayName: '',
  allowedNames: [],
  allowedCommonNames: [],
  allowedDNSSANs: [],
  allowedEmailSANs: [],
  allowedURISANs: [],
  allowedOrganizationalUnits: [],
  requiredExtensions: [],
  allowedMetadataExtensions: [],
  policies: [],
  ttl: 0,
  maxTTL: 0,
  period: 0,
  boundCIDRs: [],
});

export async function loadCert(storage: StorageView, name: string): Promise<CertEntry | null> {
  const stored = await readJSON<CertEntry>(storage, `${CERT_PREFIX}${name.toLowerCase()}`);
  return stored === null ? null : { ...newCertEntry(name.toLowerCase()), ...stored };
}

export const saveCert = (storage: StorageView, entry: CertEntry): Promise<void> =>
  writeJSON(storage, `${CERT_PREFIX}${entry.name}`, entry);

/** path_config.go's config. */
export interface CertConfig {
  disableBinding: boolean;
  enableIdentityAliasMetadata: boolean;
  ocspCacheSize: number;
  roleCacheSize: number;
}

export const loadConfig = async (storage: StorageView): Promise<CertConfig> => ({
  disableBinding: false,
  enableIdentityAliasMetadata: false,
  ocspCacheSize: 100,
  roleCacheSize: 200,
  ...((await readJSON<CertConfig>(storage, CONFIG_KEY)) ?? {}),
});
