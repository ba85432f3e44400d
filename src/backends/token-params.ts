import { parseCIDRs, validCIDRList } from '../logical/cidr.js';
import { badRequest } from '../logical/errors.js';
import type { Fields } from '../logical/fields.js';
import type { FieldSpec } from '../logical/path-spec.js';
import type { LoginAuth } from '../logical/request.js';

/** Vault's tokenutil.TokenParams (durations in seconds), shared by the machine-login backends. */
export interface TokenParams {
  tokenBoundCIDRs: string[];
  tokenExplicitMaxTTL: number;
  tokenMaxTTL: number;
  tokenNoDefaultPolicy: boolean;
  tokenNumUses: number;
  tokenPeriod: number;
  tokenPolicies: string[];
  tokenType: 'default' | 'service' | 'batch';
  tokenTTL: number;
}

export const newTokenParams = (): TokenParams => ({
  tokenBoundCIDRs: [],
  tokenExplicitMaxTTL: 0,
  tokenMaxTTL: 0,
  tokenNoDefaultPolicy: false,
  tokenNumUses: 0,
  tokenPeriod: 0,
  tokenPolicies: [],
  tokenType: 'default',
  tokenTTL: 0,
});

/** tokenutil.TokenFields. */
export const tokenParamFields: Readonly<Record<string, FieldSpec>> = {
  token_bound_cidrs: { type: 'comma-string-list' },
  token_explicit_max_ttl: { type: 'duration' },
  token_max_ttl: { type: 'duration' },
  token_no_default_policy: { type: 'bool' },
  token_period: { type: 'duration' },
  token_policies: { type: 'comma-string-list' },
  token_type: { type: 'string', default: 'default-service' },
  token_ttl: { type: 'duration' },
  token_num_uses: { type: 'int' },
};

const TOKEN_TYPES: Readonly<Record<string, TokenParams['tokenType']>> = {
  '': 'default',
  default: 'default',
  service: 'service',
  batch: 'batch',
};

/** tokenutil.ParseTokenFields: only the fields present change; messages are Vault's. */
export function parseTokenParams(f: Fields, t: TokenParams, tokenTypeOverride?: string): void {
  if (f.has('token_bound_cidrs')) t.tokenBoundCIDRs = parseCIDRs(f.strings('token_bound_cidrs') ?? []);
  if (f.has('token_explicit_max_ttl')) t.tokenExplicitMaxTTL = f.duration('token_explicit_max_ttl') ?? 0;
  if (f.has('token_max_ttl')) t.tokenMaxTTL = f.duration('token_max_ttl') ?? 0;
  if (t.tokenMaxTTL < 0) throw badRequest("'token_max_ttl' cannot be negative");
  if (f.has('token_no_default_policy')) t.tokenNoDefaultPolicy = f.bool('token_no_default_policy') ?? false;
  if (f.has('token_period')) t.tokenPeriod = f.duration('token_period') ?? 0;
  if (t.tokenPeriod < 0) throw badRequest("'token_period' cannot be negative");
  if (f.has('token_policies')) t.tokenPolicies = f.strings('token_policies') ?? [];
  if (f.has('token_type')) {
    const text = tokenTypeOverride ?? f.string('token_type') ?? '';
    const type = TOKEN_TYPES[text];
    if (type === undefined) throw badRequest(`invalid 'token_type' value ${JSON.stringify(text)}`);
    t.tokenType = type;
  }
  if (f.has('token_num_uses')) t.tokenNumUses = f.int('token_num_uses') ?? 0;
  if (t.tokenNumUses < 0) throw badRequest("'token_num_uses' cannot be negative");
  if (t.tokenType === 'batch') {
    if (t.tokenPeriod !== 0) {
      throw badRequest(
        "'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens",
      );
    }
    if (t.tokenNumUses !== 0) {
      throw badRequest(
        "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count",
      );
    }
  }
  if (f.has('token_ttl')) t.tokenTTL = f.duration('token_ttl') ?? 0;
  if (t.tokenTTL < 0) throw badRequest("'token_ttl' cannot be negative");
  if (t.tokenTTL > 0 && t.tokenMaxTTL > 0 && t.tokenTTL > t.tokenMaxTTL) {
    throw badRequest("'token_ttl' cannot be greater than 'token_max_ttl'");
  }
}

/** tokenutil.PopulateTokenData. */
export function tokenParamsData(t: TokenParams): Record<string, unknown> {
  return {
    token_bound_cidrs: t.tokenBoundCIDRs,
    token_explicit_max_ttl: t.tokenExplicitMaxTTL,
    token_max_ttl: t.tokenMaxTTL,
    token_no_default_policy: t.tokenNoDefaultPolicy,
    token_num_uses: t.tokenNumUses,
    token_period: t.tokenPeriod,
    token_policies: t.tokenPolicies,
    token_ttl: t.tokenTTL,
    token_type: t.tokenType,
  };
}

/**
 * tokenutil.PopulateTokenAuth: every token parameter the core enforces on the issued token
 * (core/complete-login.ts checks the bound CIDRs, caps the TTLs and drops `default`).
 */
export function tokenParamsLoginAuth(
  t: TokenParams,
): Pick<
  LoginAuth,
  | 'policies'
  | 'ttl'
  | 'maxTTL'
  | 'renewable'
  | 'numUses'
  | 'tokenType'
  | 'explicitMaxTTL'
  | 'period'
  | 'noDefaultPolicy'
  | 'boundCIDRs'
> {
  return {
    policies: t.tokenPolicies,
    ttl: t.tokenTTL,
    maxTTL: t.tokenMaxTTL,
    renewable: true,
    numUses: t.tokenNumUses,
    explicitMaxTTL: t.tokenExplicitMaxTTL,
    period: t.tokenPeriod,
    noDefaultPolicy: t.tokenNoDefaultPolicy,
    boundCIDRs: t.tokenBoundCIDRs,
    ...(t.tokenType === 'default' ? {} : { tokenType: t.tokenType }),
  };
}
