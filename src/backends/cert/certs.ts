import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, Handler } from '../../logical/path-spec.js';
import type { Request } from '../../logical/request.js';
import { writeJSON } from '../../logical/storage-view.js';
import { parseTokenParams, tokenParamsData } from '../token-params.js';
import {
  CERT_PREFIX,
  type CertEntry,
  CONFIG_KEY,
  loadCert,
  loadConfig,
  newCertEntry,
  saveCert,
} from './cert-entry.js';
import { parsePEM } from './pem.js';

const nameOf = (f: Fields): string => (f.string('name') ?? '').toLowerCase();

const LIST_FIELDS = [
  ['allowed_names', 'allowedNames'],
  ['allowed_common_names', 'allowedCommonNames'],
  ['allowed_dns_sans', 'allowedDNSSANs'],
  ['allowed_email_sans', 'allowedEmailSANs'],
  ['allowed_uri_sans', 'allowedURISANs'],
  ['allowed_organizational_units', 'allowedOrganizationalUnits'],
  ['required_extensions', 'requiredExtensions'],
  ['allowed_metadata_extensions', 'allowedMetadataExtensions'],
] as const;

export const listFieldNames = LIST_FIELDS.map(([field]) => field);

const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EKU_ANY = '2.5.29.37.0';

/** tokenutil.UpgradeValue for cert's deprecated names (`lease` is the oldest ttl name). */
function upgradeLegacy(f: Fields, cert: CertEntry): void {
  if (f.has('token_policies')) cert.policies = f.has('policies') ? cert.tokenPolicies : [];
  else if (f.has('policies')) cert.tokenPolicies = cert.policies = f.strings('policies') ?? [];
  if (f.has('token_ttl')) cert.ttl = f.has('ttl') ? cert.tokenTTL : 0;
  else if (f.has('ttl')) cert.tokenTTL = cert.ttl = f.duration('ttl') ?? 0;
  else if (f.has('lease')) cert.tokenTTL = cert.ttl = f.duration('lease') ?? 0;
  if (f.has('token_max_ttl')) cert.maxTTL = f.has('max_ttl') ? cert.tokenMaxTTL : 0;
  else if (f.has('max_ttl')) cert.tokenMaxTTL = cert.maxTTL = f.duration('max_ttl') ?? 0;
  if (f.has('token_period')) cert.period = f.has('period') ? cert.tokenPeriod : 0;
  else if (f.has('period')) cert.tokenPeriod = cert.period = f.duration('period') ?? 0;
  if (f.has('token_bound_cidrs')) cert.boundCIDRs = f.has('bound_cidrs') ? cert.tokenBoundCIDRs : [];
  else if (f.has('bound_cidrs')) cert.tokenBoundCIDRs = cert.boundCIDRs = f.strings('bound_cidrs') ?? [];
}

/** pathCertWrite. */
export const writeCert: Handler = async (_req, f, ctx) => {
  const name = nameOf(f);
  const cert = (await loadCert(ctx.storage, name)) ?? newCertEntry(name);
  if (f.has('certificate')) cert.certificate = f.string('certificate') ?? '';
  if (f.has('display_name')) cert.displayName = f.string('display_name') ?? '';
  for (const [field, key] of LIST_FIELDS) if (f.has(field)) cert[key] = f.strings(field) ?? [];
  parseTokenParams(f, cert);
  upgradeLegacy(f, cert);
  const warnings: string[] = [];
  const defaultTTL = ctx.system.defaultLeaseTTL();
  const maxTTL = ctx.system.maxLeaseTTL();
  if (cert.tokenTTL > defaultTTL) {
    warnings.push(
      `Given ttl of ${cert.tokenTTL} seconds is greater than current mount/system default of ${defaultTTL} seconds`,
    );
  }
  if (cert.tokenMaxTTL > maxTTL) {
    warnings.push(
      `Given max_ttl of ${cert.tokenMaxTTL} seconds is greater than current mount/system default of ${maxTTL} seconds`,
    );
  }
  if (cert.tokenMaxTTL !== 0 && cert.tokenTTL > cert.tokenMaxTTL)
    throw badRequest('ttl should be shorter than max_ttl');
  if (cert.tokenPeriod > maxTTL) {
    warnings.push(
      `Given period of ${cert.tokenPeriod} seconds is greater than the backend's maximum TTL of ${maxTTL} seconds`,
    );
  }
  if (cert.displayName === '') cert.displayName = name;
  const parsed = parsePEM(cert.certificate);
  const first = parsed[0];
  if (first === undefined) throw badRequest('failed to parse certificate');
  const eku = first.keyUsage;
  if (!first.ca && eku !== undefined && !eku.includes(EKU_CLIENT_AUTH) && !eku.includes(EKU_ANY)) {
    throw badRequest('nonCA certificates should have TLS client authentication set as an extended key usage');
  }
  await saveCert(ctx.storage, cert);
  return warnings.length > 0 ? { warnings } : null;
};

export const certExists = async (_req: Request, f: Fields, ctx: BackendContext): Promise<boolean> =>
  (await loadCert(ctx.storage, nameOf(f))) !== null;

/** pathCertRead. */
export const readCert: Handler = async (_req, f, ctx) => {
  const cert = await loadCert(ctx.storage, nameOf(f));
  if (cert === null) return null;
  const data: Record<string, unknown> = {
    certificate: cert.certificate,
    display_name: cert.displayName,
    ...Object.fromEntries(LIST_FIELDS.map(([field, key]) => [field, cert[key]])),
    ocsp_ca_certificates: '',
    ocsp_enabled: false,
    ocsp_fail_open: false,
    ocsp_query_all_servers: false,
    ocsp_servers_override: [],
    ...tokenParamsData(cert),
  };
  if (cert.ttl > 0) data.ttl = cert.ttl;
  if (cert.maxTTL > 0) data.max_ttl = cert.maxTTL;
  if (cert.period > 0) data.period = cert.period;
  if (cert.policies.length > 0) data.policies = cert.tokenPolicies;
  if (cert.boundCIDRs.length > 0) data.bound_cidrs = cert.tokenBoundCIDRs;
  return { data };
};

export const deleteCert: Handler = async (_req, f, ctx) => {
  await ctx.storage.delete(`${CERT_PREFIX}${nameOf(f)}`);
  return null;
};

export const listCerts: Handler = async (_req, _f, ctx) => ({
  data: { keys: await ctx.storage.list(CERT_PREFIX) },
});

export const readConfig: Handler = async (_req, _f, ctx) => {
  const c = await loadConfig(ctx.storage);
  return {
    data: {
      disable_binding: c.disableBinding,
      enable_identity_alias_metadata: c.enableIdentityAliasMetadata,
      ocsp_cache_size: c.ocspCacheSize,
      role_cache_size: c.roleCacheSize,
    },
  };
};

export const writeConfig: Handler = async (_req, f, ctx) => {
  const c = await loadConfig(ctx.storage);
  if (f.has('disable_binding')) c.disableBinding = f.bool('disable_binding') ?? false;
  if (f.has('enable_identity_alias_metadata')) {
    c.enableIdentityAliasMetadata = f.bool('enable_identity_alias_metadata') ?? false;
  }
  if (f.has('ocsp_cache_size')) {
    c.ocspCacheSize = f.int('ocsp_cache_size') ?? 100;
    if (c.ocspCacheSize < 2) throw badRequest('invalid cache size, must be >= 2 and <= 65536');
  }
  if (f.has('role_cache_size')) c.roleCacheSize = f.int('role_cache_size') ?? 200;
  await writeJSON(ctx.storage, CONFIG_KEY, c);
  return null;
};
