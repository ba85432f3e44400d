import { parseCIDRs } from '../../logical/cidr.js';
import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { FieldSpec } from '../../logical/path-spec.js';
import { parseTokenParams, tokenParamFields } from '../token-params.js';
import { parsePolicies } from './policies.js';
import type { UserEntry } from './user-entry.js';

/** Vault's tokenutil.TokenFields plus the deprecated names userpass still accepts. */
export const tokenFieldSpecs: Readonly<Record<string, FieldSpec>> = {
  ...tokenParamFields,
  policies: { type: 'comma-string-list', description: 'Use "token_policies" instead.' },
  ttl: { type: 'duration', description: 'Use "token_ttl" instead.' },
  max_ttl: { type: 'duration', description: 'Use "token_max_ttl" instead.' },
  bound_cidrs: { type: 'comma-string-list', description: 'Use "token_bound_cidrs" instead.' },
};

/** tokenutil.ParseTokenFields: only the fields present change; messages are Vault's. */
export const applyTokenFields = (f: Fields, user: UserEntry): void => parseTokenParams(f, user);

/**
 * tokenutil.UpgradeValue for each deprecated field: the old name alone sets both; the new
 * name alone clears the old one; both given keep them equal.
 */
export function applyLegacyFields(f: Fields, user: UserEntry): void {
  if (!f.has('token_policies')) {
    if (f.has('policies')) {
      user.policies = parsePolicies(f.strings('policies') ?? []);
      user.tokenPolicies = user.policies;
    }
  } else {
    user.policies = f.has('policies') ? user.tokenPolicies : [];
  }
  if (!f.has('token_ttl')) {
    if (f.has('ttl')) {
      user.ttl = f.duration('ttl') ?? 0;
      user.tokenTTL = user.ttl;
    }
  } else {
    user.ttl = f.has('ttl') ? user.tokenTTL : 0;
  }
  if (!f.has('token_max_ttl')) {
    if (f.has('max_ttl')) {
      user.maxTTL = f.duration('max_ttl') ?? 0;
      user.tokenMaxTTL = user.maxTTL;
    }
  } else {
    user.maxTTL = f.has('max_ttl') ? user.tokenMaxTTL : 0;
  }
  if (!f.has('token_bound_cidrs')) {
    if (f.has('bound_cidrs')) {
      user.boundCIDRs = parseCIDRs(f.strings('bound_cidrs') ?? []);
      user.tokenBoundCIDRs = user.boundCIDRs;
    }
  } else {
    user.boundCIDRs = f.has('bound_cidrs') ? user.tokenBoundCIDRs : [];
  }
}

/** tokenutil.PopulateTokenData plus userpass's backwards-compatible fields. */
export function tokenData(user: UserEntry): Record<string, unknown> {
  const data: Record<string, unknown> = {
    token_bound_cidrs: user.tokenBoundCIDRs,
    token_explicit_max_ttl: user.tokenExplicitMaxTTL,
    token_max_ttl: user.tokenMaxTTL,
    token_no_default_policy: user.tokenNoDefaultPolicy,
    token_num_uses: user.tokenNumUses,
    token_period: user.tokenPeriod,
    token_policies: user.tokenPolicies,
    token_ttl: user.tokenTTL,
    token_type: user.tokenType,
  };
  if (user.ttl > 0) data.ttl = user.ttl;
  if (user.maxTTL > 0) data.max_ttl = user.maxTTL;
  if (user.policies.length > 0) data.policies = user.tokenPolicies;
  if (user.boundCIDRs.length > 0) data.bound_cidrs = user.boundCIDRs;
  return data;
}
