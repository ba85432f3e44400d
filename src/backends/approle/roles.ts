import { randomUUID } from 'node:crypto';
import { validCIDRList } from '../../logical/cidr.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, Handler } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import { parseTokenParams, tokenParamsData } from '../token-params.js';
import { errorResponse, plainError, unsupportedPathError } from './errors.js';
import {
  deleteRoleIdIndex,
  loadRole,
  newRoleEntry,
  ROLE_PREFIX,
  type RoleEntry,
  roleNameForRoleId,
  SECRET_ID_LOCAL_PREFIX,
  saveRole,
  setRoleIdIndex,
} from './role-entry.js';
import { flushRoleSecretIds } from './secret-ids.js';

export const roleNameOf = (f: Fields): string => (f.string('role_name') ?? '').toLowerCase();

/** validateRoleConstraints. */
const hasConstraint = (role: RoleEntry): boolean =>
  role.bindSecretId || role.secretIdBoundCIDRs.length > 0 || role.tokenBoundCIDRs.length > 0;

/** setRoleEntry: constraints, role_id uniqueness, then the role and its role_id index. */
async function storeRole(ctx: BackendContext, name: string, role: RoleEntry, previousRoleId: string) {
  if (!hasConstraint(role)) throw plainError('at least one constraint should be enabled on the role');
  const owner = await roleNameForRoleId(ctx.storage, role.roleId);
  if (owner !== null && owner !== name) throw plainError('role_id already in use');
  if (previousRoleId !== '' && previousRoleId !== role.roleId) {
    await deleteRoleIdIndex(ctx.storage, previousRoleId);
  }
  await saveRole(ctx.storage, name, role);
  if (previousRoleId === '' || previousRoleId !== role.roleId)
    await setRoleIdIndex(ctx.storage, role.roleId, name);
}

/** The role fields of pathRoleCreateUpdate that also have their own sub-path. */
function applyRoleFields(f: Fields, role: RoleEntry, ctx: BackendContext, creating: boolean): string[] {
  const warnings: string[] = [];
  if (f.has('bind_secret_id') || creating) role.bindSecretId = f.bool('bind_secret_id') ?? true;
  const cidrField = f.has('secret_id_bound_cidrs') ? 'secret_id_bound_cidrs' : 'bound_cidr_list';
  if (f.has(cidrField)) role.secretIdBoundCIDRs = f.strings(cidrField) ?? [];
  if (role.secretIdBoundCIDRs.length > 0 && !validCIDRList(role.secretIdBoundCIDRs)) {
    throw errorResponse('invalid CIDR blocks');
  }
  if (f.has('secret_id_num_uses')) role.secretIdNumUses = f.int('secret_id_num_uses') ?? 0;
  if (role.secretIdNumUses < 0) throw errorResponse('secret_id_num_uses cannot be negative');
  if (f.has('secret_id_ttl')) role.secretIdTTL = f.duration('secret_id_ttl') ?? 0;
  // tokenutil.UpgradeValue for the deprecated names.
  if (f.has('token_policies')) role.policies = f.has('policies') ? role.tokenPolicies : [];
  else if (f.has('policies')) {
    role.policies = f.strings('policies') ?? [];
    role.tokenPolicies = role.policies;
  }
  if (f.has('token_period')) role.period = f.has('period') ? role.tokenPeriod : 0;
  else if (f.has('period')) {
    role.period = f.duration('period') ?? 0;
    role.tokenPeriod = role.period;
  }
  const max = ctx.system.maxLeaseTTL();
  if (role.period > max) {
    throw errorResponse(
      `period of "${role.period}s" is greater than the backend's maximum lease TTL of "${max}s"`,
    );
  }
  if (role.tokenMaxTTL > max) {
    warnings.push(
      "token_max_ttl is greater than the backend mount's maximum TTL value; issued tokens' max TTL value will be truncated",
    );
  }
  return warnings;
}

/** pathRoleCreateUpdate. The core hands create and update alike; "create" is: no role yet. */
export const writeRole: Handler = async (_req, f, ctx) => {
  const name = roleNameOf(f);
  if (name === '') throw errorResponse('missing role_name');
  if (name.length > 4096) throw errorResponse('role_name is longer than maximum of 4096 bytes');
  const existing = await loadRole(ctx.storage, name);
  const creating = existing === null;
  const role = existing ?? newRoleEntry();
  const warnings: string[] = [];
  const tokenType = f.string('token_type');
  let adjusted: string | undefined;
  if (f.has('token_type') && (tokenType === 'default-service' || tokenType === 'default-batch')) {
    adjusted = tokenType === 'default-service' ? 'service' : 'batch';
    warnings.push(`${tokenType} has no useful meaning; adjusting to ${adjusted}`);
  }
  parseTokenParams(f, role, adjusted);
  if (f.has('local_secret_ids')) {
    if (!creating) throw errorResponse('local_secret_ids can only be modified during role creation');
    if (f.bool('local_secret_ids')) role.secretIdPrefix = SECRET_ID_LOCAL_PREFIX;
  }
  const previousRoleId = role.roleId;
  if (f.has('role_id')) role.roleId = f.string('role_id') ?? '';
  else if (creating) role.roleId = randomUUID();
  if (role.roleId === '') throw errorResponse('invalid role_id supplied, or failed to generate a role_id');
  warnings.push(...applyRoleFields(f, role, ctx, creating));
  await storeRole(ctx, name, role, previousRoleId);
  return warnings.length > 0 ? { warnings } : null;
};

export const roleExists = async (_req: Request, f: Fields, ctx: BackendContext): Promise<boolean> =>
  (await loadRole(ctx.storage, roleNameOf(f))) !== null;

/** pathRoleRead. */
export const readRole: Handler = async (_req, f, ctx) => {
  const role = await loadRole(ctx.storage, roleNameOf(f));
  if (role === null) return null;
  const data: Record<string, unknown> = {
    bind_secret_id: role.bindSecretId,
    local_secret_ids: role.secretIdPrefix === SECRET_ID_LOCAL_PREFIX,
    // A Go nil slice until set: Vault prints `<nil>` for a fresh role.
    secret_id_bound_cidrs: role.secretIdBoundCIDRs.length > 0 ? role.secretIdBoundCIDRs : null,
    secret_id_num_uses: role.secretIdNumUses,
    secret_id_ttl: role.secretIdTTL,
    ...tokenParamsData(role),
  };
  if (role.period !== 0) data.period = role.period;
  if (role.policies.length > 0) data.policies = role.policies;
  const resp: Response = { data };
  if (!hasConstraint(role)) {
    resp.warnings = [
      'Role does not have any constraints set on it. Updates to this role will require a constraint to be set',
    ];
  }
  return resp;
};

/** pathRoleDelete: the role, its secret ids and its role_id index. */
export const deleteRole: Handler = async (_req, f, ctx) => {
  const name = roleNameOf(f);
  const role = await loadRole(ctx.storage, name);
  if (role === null) return null;
  await flushRoleSecretIds(ctx.storage, role, name);
  await deleteRoleIdIndex(ctx.storage, role.roleId);
  await ctx.storage.delete(`${ROLE_PREFIX}${name}`);
  return null;
};

export const listRoles: Handler = async (_req, _f, ctx) => ({
  data: { keys: await ctx.storage.list(ROLE_PREFIX) },
});

export const readRoleId: Handler = async (_req, f, ctx) => {
  const role = await loadRole(ctx.storage, roleNameOf(f));
  return role === null ? null : { data: { role_id: role.roleId } };
};

/** pathRoleRoleIDUpdate: a custom role id. */
export const updateRoleId: Handler = async (_req, f, ctx) => {
  const name = roleNameOf(f);
  const role = await loadRole(ctx.storage, name);
  if (role === null) throw unsupportedPathError();
  const roleId = f.string('role_id') ?? '';
  if (roleId === '') throw errorResponse('missing role_id');
  const previous = role.roleId;
  role.roleId = roleId;
  await storeRole(ctx, name, role, previous);
  return null;
};

export const readLocalSecretIds: Handler = async (_req, f, ctx) => {
  const role = await loadRole(ctx.storage, roleNameOf(f));
  return role === null
    ? null
    : { data: { local_secret_ids: role.secretIdPrefix === SECRET_ID_LOCAL_PREFIX } };
};

/**
 * The one-field sub-paths (`role/<name>/token-ttl` and kin): read answers that field, update
 * needs it, delete puts it back to its default. `read` is what the field shows.
 */
export interface RoleFieldPath {
  readonly path: string;
  readonly field: string;
  /** The deprecated name the update also takes (`policies`, `period`). */
  readonly alt?: string;
  readonly read: (role: RoleEntry) => Record<string, unknown>;
  readonly reset: (role: RoleEntry) => void;
}

export function roleFieldHandlers(spec: RoleFieldPath): { read: Handler; update: Handler; delete: Handler } {
  return {
    read: async (_req, f, ctx) => {
      const role = await loadRole(ctx.storage, roleNameOf(f));
      return role === null ? null : { data: spec.read(role) };
    },
    update: async (_req, f, ctx) => {
      const name = roleNameOf(f);
      const role = await loadRole(ctx.storage, name);
      if (role === null) throw unsupportedPathError();
      if (!f.has(spec.field) && !(spec.alt !== undefined && f.has(spec.alt)))
        throw errorResponse(`missing ${spec.field}`);
      parseTokenParams(f, role);
      const warnings = applyRoleFields(f, role, ctx, false);
      await storeRole(ctx, name, role, role.roleId);
      return warnings.length > 0 ? { warnings } : null;
    },
    delete: async (_req, f, ctx) => {
      const name = roleNameOf(f);
      const role = await loadRole(ctx.storage, name);
      if (role === null) return null;
      spec.reset(role);
      await storeRole(ctx, name, role, role.roleId);
      return null;
    },
  };
}
