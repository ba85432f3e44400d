import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, Handler } from '../../logical/path-spec.js';
import type { Request } from '../../logical/request.js';
import { parseTokenParams, tokenParamsData } from '../token-params.js';
import { normalizeList } from './claims.js';
import { type JwtRole, loadRole, newRole, ROLE_PREFIX, saveRole } from './role-entry.js';

const nameOf = (f: Fields): string => (f.string('name') ?? '').toLowerCase();

function stringMap(f: Fields, field: string): Record<string, string> {
  const raw = f.map(field) ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** The deprecated names a jwt role still takes (tokenutil.UpgradeValue, one way). */
function applyLegacy(f: Fields, role: JwtRole): void {
  if (!f.has('token_policies') && f.has('policies')) role.tokenPolicies = f.strings('policies') ?? [];
  if (!f.has('token_ttl') && f.has('ttl')) role.tokenTTL = f.duration('ttl') ?? 0;
  if (!f.has('token_max_ttl') && f.has('max_ttl')) role.tokenMaxTTL = f.duration('max_ttl') ?? 0;
  if (!f.has('token_num_uses') && f.has('num_uses')) role.tokenNumUses = f.int('num_uses') ?? 0;
  if (!f.has('token_bound_cidrs') && f.has('bound_cidrs'))
    role.tokenBoundCIDRs = f.strings('bound_cidrs') ?? [];
}

/** pathRoleCreateUpdate (jwt roles; oidc roles are stored but cannot log in here). */
export const writeRole: Handler = async (_req, f, ctx) => {
  const name = nameOf(f);
  if (name === '') throw badRequest('missing role name');
  const role = (await loadRole(ctx.storage, name)) ?? newRole();
  if (f.has('role_type')) {
    const type = f.string('role_type') ?? '';
    if (type !== 'jwt' && type !== 'oidc') throw badRequest(`invalid 'role_type': ${type}`);
    role.roleType = type;
  }
  parseTokenParams(f, role);
  applyLegacy(f, role);
  const max = ctx.system.maxLeaseTTL();
  if (role.tokenPeriod > max) {
    throw badRequest(
      `'period' of '"${role.tokenPeriod}s"' is greater than the backend's maximum lease TTL of '"${max}s"'`,
    );
  }
  if (f.has('expiration_leeway')) role.expirationLeeway = f.duration('expiration_leeway') ?? 0;
  if (f.has('not_before_leeway')) role.notBeforeLeeway = f.duration('not_before_leeway') ?? 0;
  if (f.has('clock_skew_leeway')) role.clockSkewLeeway = f.duration('clock_skew_leeway') ?? 0;
  if (f.has('bound_audiences')) role.boundAudiences = f.strings('bound_audiences') ?? [];
  if (f.has('bound_subject')) role.boundSubject = f.string('bound_subject') ?? '';
  const claimsType = f.string('bound_claims_type') ?? 'string';
  if (claimsType !== 'string' && claimsType !== 'glob')
    throw badRequest(`invalid 'bound_claims_type': ${claimsType}`);
  role.boundClaimsType = claimsType;
  if (f.has('bound_claims')) {
    role.boundClaims = f.map('bound_claims') ?? {};
    if (claimsType === 'glob') {
      for (const values of Object.values(role.boundClaims)) {
        const list = normalizeList(values);
        if (list === undefined) throw badRequest(`claim is not a string or list: ${JSON.stringify(values)}`);
        const bad = list.find((v) => v.kind !== 'string');
        if (bad) throw badRequest(`claim is not a string: ${bad.text}`);
      }
    }
  }
  if (f.has('claim_mappings')) {
    const mappings = stringMap(f, 'claim_mappings');
    const seen = new Set<string>();
    for (const target of Object.values(mappings)) {
      if (target === 'role')
        throw badRequest(`metadata key "role" is reserved and may not be a mapping destination`);
      if (seen.has(target))
        throw badRequest(`multiple keys are mapped to metadata key ${JSON.stringify(target)}`);
      seen.add(target);
    }
    role.claimMappings = mappings;
  }
  if (f.has('user_claim')) role.userClaim = f.string('user_claim') ?? '';
  if (role.userClaim === '') throw badRequest('a user claim must be defined on the role');
  if (f.has('groups_claim')) role.groupsClaim = f.string('groups_claim') ?? '';
  if (f.has('allowed_redirect_uris')) role.allowedRedirectURIs = f.strings('allowed_redirect_uris') ?? [];
  if (role.roleType === 'oidc' && role.allowedRedirectURIs.length === 0) {
    throw badRequest("'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.");
  }
  if (
    role.roleType !== 'oidc' &&
    role.boundAudiences.length === 0 &&
    role.tokenBoundCIDRs.length === 0 &&
    role.boundSubject === '' &&
    Object.keys(role.boundClaims).length === 0
  ) {
    throw badRequest('must have at least one bound constraint when creating/updating a role');
  }
  if (role.tokenMaxTTL > 0 && role.tokenTTL > role.tokenMaxTTL)
    throw badRequest('ttl should not be greater than max ttl');
  await saveRole(ctx.storage, name, role);
  if (role.tokenMaxTTL > max) {
    return {
      warnings: [
        "token max ttl is greater than the system or backend mount's maximum TTL value; issued tokens' max TTL value will be truncated",
      ],
    };
  }
  return null;
};

export const roleExists = async (_req: Request, f: Fields, ctx: BackendContext): Promise<boolean> =>
  (await loadRole(ctx.storage, nameOf(f))) !== null;

export const readRole: Handler = async (_req, f, ctx) => {
  const role = await loadRole(ctx.storage, nameOf(f));
  if (role === null) return null;
  return {
    data: {
      // Go nil slices until set, which Vault renders as null.
      allowed_redirect_uris: role.allowedRedirectURIs.length > 0 ? role.allowedRedirectURIs : null,
      bound_audiences: role.boundAudiences.length > 0 ? role.boundAudiences : null,
      bound_claims: Object.keys(role.boundClaims).length > 0 ? role.boundClaims : null,
      bound_claims_type: role.boundClaimsType,
      bound_subject: role.boundSubject,
      claim_mappings: Object.keys(role.claimMappings).length > 0 ? role.claimMappings : null,
      clock_skew_leeway: role.clockSkewLeeway,
      expiration_leeway: role.expirationLeeway,
      groups_claim: role.groupsClaim,
      not_before_leeway: role.notBeforeLeeway,
      role_type: role.roleType,
      user_claim: role.userClaim,
      user_claim_json_pointer: false,
      ...tokenParamsData(role),
    },
  };
};

export const deleteRole: Handler = async (_req, f, ctx) => {
  await ctx.storage.delete(`${ROLE_PREFIX}${nameOf(f)}`);
  return null;
};

export const listRoles: Handler = async (_req, _f, ctx) => ({
  data: { keys: await ctx.storage.list(ROLE_PREFIX) },
});
