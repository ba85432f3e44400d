import type { FieldSpec, PathSpec } from '../../logical/path-spec.js';
import type { RoleEntry } from './role-entry.js';
import { type RoleFieldPath, roleFieldHandlers } from './roles.js';

/** The role's one-field sub-paths (pathRolePoliciesRead and kin), as data. */
const FIELD_PATHS: readonly RoleFieldPath[] = [
  {
    path: 'policies',
    field: 'token_policies',
    alt: 'policies',
    read: (r) => ({
      token_policies: r.tokenPolicies,
      ...(r.policies.length > 0 ? { policies: r.policies } : {}),
    }),
    reset: (r) => {
      r.tokenPolicies = [];
      r.policies = [];
    },
  },
  {
    path: 'secret-id-bound-cidrs',
    field: 'secret_id_bound_cidrs',
    read: (r) => ({ secret_id_bound_cidrs: r.secretIdBoundCIDRs }),
    reset: (r) => {
      r.secretIdBoundCIDRs = [];
    },
  },
  {
    path: 'token-bound-cidrs',
    field: 'token_bound_cidrs',
    read: (r) => ({ token_bound_cidrs: r.tokenBoundCIDRs }),
    reset: (r) => {
      r.tokenBoundCIDRs = [];
    },
  },
  {
    path: 'bind-secret-id',
    field: 'bind_secret_id',
    read: (r) => ({ bind_secret_id: r.bindSecretId }),
    reset: (r) => {
      r.bindSecretId = true;
    },
  },
  {
    path: 'secret-id-num-uses',
    field: 'secret_id_num_uses',
    read: (r) => ({ secret_id_num_uses: r.secretIdNumUses }),
    reset: (r) => {
      r.secretIdNumUses = 0;
    },
  },
  {
    path: 'secret-id-ttl',
    field: 'secret_id_ttl',
    read: (r) => ({ secret_id_ttl: r.secretIdTTL }),
    reset: (r) => {
      r.secretIdTTL = 0;
    },
  },
  {
    path: 'period',
    field: 'token_period',
    alt: 'period',
    read: (r) => ({ token_period: r.tokenPeriod, ...(r.period > 0 ? { period: r.period } : {}) }),
    reset: (r) => {
      r.tokenPeriod = 0;
      r.period = 0;
    },
  },
  ...(
    [
      ['token-num-uses', 'token_num_uses', 'tokenNumUses'],
      ['token-ttl', 'token_ttl', 'tokenTTL'],
      ['token-max-ttl', 'token_max_ttl', 'tokenMaxTTL'],
    ] as const
  ).map(
    ([path, field, key]): RoleFieldPath => ({
      path,
      field,
      read: (r: RoleEntry) => ({ [field]: r[key] }),
      reset: (r: RoleEntry) => {
        r[key] = 0;
      },
    }),
  ),
];

export function roleFieldPaths(roleFields: Readonly<Record<string, FieldSpec>>): PathSpec[] {
  return FIELD_PATHS.map((spec) => ({
    pattern: `role/:role_name/${spec.path}`,
    auth: 'token',
    synopsis: `Read, update or reset the role's ${spec.field}.`,
    fields: roleFields,
    ops: roleFieldHandlers(spec),
  }));
}
