import { addressInCIDRs, cidrSubset } from '../../logical/cidr.js';
import { badRequest, internalError, invalidCredentials } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import type { LoginAuth } from '../../logical/request.js';
import { writeJSON } from '../../logical/storage-view.js';
import { tokenParamsLoginAuth } from '../token-params.js';
import { hmacOf, loadRole, roleNameForRoleId } from './role-entry.js';
import {
  deleteAccessor,
  isExpired,
  readSecretId,
  type SecretIdEntry,
  secretIdHmacForAccessor,
  secretIdKey,
} from './secret-id-entry.js';

const invalid = () => badRequest('invalid role or secret ID');

/** Go's `%!w(<nil>)`: Vault formats a nil error into these messages, and prints it. */
const NIL_W = '%!w(<nil>)';

function checkSource(address: string | undefined, cidrs: readonly string[], what: string): void {
  if (cidrs.length === 0) return;
  if (address === undefined || address === '') throw internalError('failed to get connection information');
  if (!addressInCIDRs(address, cidrs)) {
    throw badRequest(
      `source address ${JSON.stringify(address)} unauthorized by CIDR restrictions on the ${what}: ${NIL_W}`,
    );
  }
}

/**
 * pathLoginUpdate: role_id finds the role; with bind_secret_id the secret id must exist,
 * be unexpired (Vault leaves that to tidy; we also check here), have uses left and come
 * from its CIDRs; then the role's secret_id_bound_cidrs. Login errors are not
 * multierror-wrapped in Vault.
 */
export const login: Handler = async (req, f, ctx) => {
  const roleId = (f.string('role_id') ?? '').trim();
  if (roleId === '') throw badRequest('missing role_id');
  const name = await roleNameForRoleId(ctx.storage, roleId);
  const role = name === null ? null : await loadRole(ctx.storage, name);
  if (name === null || role === null) throw invalid();
  const address = req.remoteAddress;
  let metadata: Record<string, string> = {};
  let entry: SecretIdEntry | null = null;
  if (role.bindSecretId) {
    const secretId = (f.string('secret_id') ?? '').trim();
    if (secretId === '') throw badRequest('missing secret_id');
    const key = secretIdKey(role, name, hmacOf(role.hmacKey, secretId));
    entry = await readSecretId(ctx.storage, key);
    // path_login.go: a wrong secret id is logical.ErrInvalidCredentials and counts toward lockout.
    if (entry === null) throw invalidCredentials('invalid role or secret ID');
    if ((await secretIdHmacForAccessor(ctx.storage, role, entry.secretIdAccessor)) === null) {
      await ctx.storage.delete(key);
      throw invalid();
    }
    if (isExpired(entry)) {
      await deleteAccessor(ctx.storage, role, entry.secretIdAccessor);
      await ctx.storage.delete(key);
      throw invalid();
    }
    if (entry.secretIdNumUses === 1) {
      await deleteAccessor(ctx.storage, role, entry.secretIdAccessor);
      await ctx.storage.delete(key);
    } else if (entry.secretIdNumUses > 1) {
      await writeJSON(ctx.storage, key, {
        ...entry,
        secretIdNumUses: entry.secretIdNumUses - 1,
        lastUpdatedTime: Date.now(),
      });
    }
    if (entry.cidrList.length > 0 && role.secretIdBoundCIDRs.length > 0) {
      if (!cidrSubset(role.secretIdBoundCIDRs, entry.cidrList)) {
        throw internalError(
          `failed to verify subset relationship between CIDR blocks on the role and CIDR blocks on the secret ID: ${NIL_W}`,
        );
      }
    }
    checkSource(address, entry.cidrList, 'secret ID');
    metadata = { ...entry.metadata };
  }
  checkSource(address, role.secretIdBoundCIDRs, 'role');
  metadata.role_name = name;
  // pathLoginUpdate: a secret id's own token_bound_cidrs replace the role's.
  const tokenCIDRs = entry && entry.tokenBoundCIDRs.length > 0 ? entry.tokenBoundCIDRs : role.tokenBoundCIDRs;
  const auth: LoginAuth = {
    ...tokenParamsLoginAuth(role),
    boundCIDRs: tokenCIDRs,
    displayName: '',
    metadata,
    internalData: { role_name: name },
  };
  return { login: auth };
};
