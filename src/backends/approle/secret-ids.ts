import { randomUUID } from 'node:crypto';
import { cidrSubset, validCIDRList } from '../../logical/cidr.js';
import { HvrError } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { Handler } from '../../logical/path-spec.js';
import type { StorageView } from '../../logical/storage-view.js';
import { respondWithStatus } from '../kv/respond-with-status.js';
import { errorResponse, plainError, roleMissing, unsupportedPathError } from './errors.js';
import { parseMetadata } from './metadata.js';
import { hmacOf, loadRole, type RoleEntry } from './role-entry.js';
import { roleNameOf } from './roles.js';
import {
  deleteAccessor,
  effectiveSecretIdTTL,
  readSecretId,
  registerSecretId,
  secretIdData,
  secretIdHmacForAccessor,
  secretIdKey,
} from './secret-id-entry.js';

async function requireRole(f: Fields, storage: StorageView): Promise<{ name: string; role: RoleEntry }> {
  const name = roleNameOf(f);
  if (name === '') throw errorResponse('missing role_name');
  const role = await loadRole(storage, name);
  if (role === null) throw roleMissing(name);
  return { name, role };
}

/** handleRoleSecretIDCommon: generated and custom secret ids alike. */
async function issueSecretId(f: Fields, storage: StorageView, maxTTL: number, secretId: string) {
  const name = roleNameOf(f);
  if (name === '') throw errorResponse('missing role_name');
  if (secretId === '') throw errorResponse('missing secret_id');
  const role = await loadRole(storage, name);
  if (role === null) throw unsupportedPathError(`role ${JSON.stringify(name)} does not exist`);
  if (!role.bindSecretId) throw errorResponse('bind_secret_id is not set on the role');
  const cidrs = f.strings('cidr_list') ?? [];
  if (cidrs.length > 0 && !validCIDRList(cidrs)) throw errorResponse('failed to validate CIDR blocks');
  checkSubset(role.secretIdBoundCIDRs, cidrs);
  const tokenCIDRs = f.strings('token_bound_cidrs') ?? [];
  if (tokenCIDRs.length > 0 && !validCIDRList(tokenCIDRs)) {
    throw errorResponse('failed to validate token CIDR blocks');
  }
  checkSubset(role.tokenBoundCIDRs, tokenCIDRs);
  let numUses = role.secretIdNumUses;
  if (f.has('num_uses')) {
    numUses = f.int('num_uses') ?? 0;
    if (numUses < 0) throw errorResponse('num_uses cannot be negative');
    if (role.secretIdNumUses > 0 && (numUses === 0 || numUses > role.secretIdNumUses)) {
      throw errorResponse("num_uses cannot be higher than the role's secret_id_num_uses");
    }
  }
  let ttl = role.secretIdTTL;
  if (f.has('ttl')) {
    ttl = f.duration('ttl') ?? 0;
    if (role.secretIdTTL > 0 && (ttl === 0 || ttl > role.secretIdTTL)) {
      throw errorResponse("ttl cannot be longer than the role's secret_id_ttl");
    }
  }
  const metadata = parseMetadata(f.raw.metadata);
  let entry: Awaited<ReturnType<typeof registerSecretId>>;
  try {
    entry = await registerSecretId(
      storage,
      role,
      name,
      secretId,
      { secretIdNumUses: numUses, secretIdTTL: ttl, metadata, cidrList: cidrs, tokenBoundCIDRs: tokenCIDRs },
      maxTTL,
    );
  } catch (error) {
    if (error instanceof HvrError) throw error;
    throw plainError(`failed to store secret_id: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    data: {
      secret_id: secretId,
      secret_id_accessor: entry.secretIdAccessor,
      secret_id_num_uses: entry.secretIdNumUses,
      secret_id_ttl: effectiveSecretIdTTL(entry.secretIdTTL, maxTTL),
    },
  };
}

/** verifyCIDRRoleSecretIDSubset (role blocks without `/` are hosts). */
function checkSubset(roleCIDRs: readonly string[], cidrs: readonly string[]): void {
  if (cidrs.length === 0 || roleCIDRs.length === 0) return;
  if (!cidrSubset(roleCIDRs, cidrs)) {
    const show = (list: readonly string[]) => `[${list.map((c) => JSON.stringify(c)).join(' ')}]`;
    throw plainError(
      `failed to verify subset relationship between CIDR blocks on the role ${show(roleCIDRs)} and CIDR blocks on the secret ID ${show(cidrs)}: %!w(<nil>)`,
    );
  }
}

export const generateSecretId: Handler = async (_req, f, ctx) =>
  issueSecretId(f, ctx.storage, ctx.system.maxLeaseTTL(), randomUUID());

export const customSecretId: Handler = async (_req, f, ctx) =>
  issueSecretId(f, ctx.storage, ctx.system.maxLeaseTTL(), f.string('secret_id') ?? '');

/** pathRoleSecretIDList: the accessors of the role's secret ids. */
export const listSecretIdAccessors: Handler = async (_req, f, ctx) => {
  const name = roleNameOf(f);
  const role = await loadRole(ctx.storage, name);
  if (role === null) throw errorResponse(`role ${JSON.stringify(name)} does not exist`);
  const prefix = `${role.secretIdPrefix}${hmacOf(role.hmacKey, name)}/`;
  const keys: string[] = [];
  for (const hmac of await ctx.storage.list(prefix)) {
    const entry = await readSecretId(ctx.storage, `${prefix}${hmac}`);
    if (entry) keys.push(entry.secretIdAccessor);
  }
  return { data: { keys } };
};

export const lookupSecretId: Handler = async (_req, f, ctx) => {
  const secretId = f.string('secret_id') ?? '';
  if (roleNameOf(f) === '') throw errorResponse('missing role_name');
  if (secretId === '') throw errorResponse('missing secret_id');
  const { name, role } = await requireRole(f, ctx.storage);
  const secretHmac = hmacOf(role.hmacKey, secretId);
  const key = secretIdKey(role, name, secretHmac);
  const entry = await readSecretId(ctx.storage, key);
  if (entry === null) return null;
  if ((await secretIdHmacForAccessor(ctx.storage, role, entry.secretIdAccessor)) === null) {
    await ctx.storage.delete(key);
    throw errorResponse('invalid secret id');
  }
  return { data: secretIdData(entry) };
};

export const destroySecretId: Handler = async (_req, f, ctx) => {
  const secretId = f.string('secret_id') ?? '';
  if (roleNameOf(f) === '') throw errorResponse('missing role_name');
  if (secretId === '') throw errorResponse('missing secret_id');
  const { name, role } = await requireRole(f, ctx.storage);
  const key = secretIdKey(role, name, hmacOf(role.hmacKey, secretId));
  const entry = await readSecretId(ctx.storage, key);
  if (entry === null) return null;
  await deleteAccessor(ctx.storage, role, entry.secretIdAccessor);
  await ctx.storage.delete(key);
  return null;
};

/**
 * The `secret_id_accessor` of an accessor path, its role, and the HMAC of the secret id it
 * names (null when the accessor is unknown), after the argument checks Vault makes first.
 */
async function findByAccessor(f: Fields, storage: StorageView) {
  const accessor = f.string('secret_id_accessor') ?? '';
  if (roleNameOf(f) === '') throw errorResponse('missing role_name');
  if (accessor === '') throw errorResponse('missing secret_id_accessor');
  const { name, role } = await requireRole(f, storage);
  const secretHmac = await secretIdHmacForAccessor(storage, role, accessor);
  return { accessor, name, role, secretHmac };
}

export const lookupSecretIdAccessor: Handler = async (req, f, ctx) => {
  const { accessor, name, role, secretHmac } = await findByAccessor(f, ctx.storage);
  if (secretHmac === null) {
    // RespondWithStatusCode(ErrorResponse(...), 404): the error travels inside `data`.
    return respondWithStatus(req, 404, {
      data: { error: `failed to find accessor entry for secret_id_accessor: ${JSON.stringify(accessor)}` },
    });
  }
  const entry = await readSecretId(ctx.storage, secretIdKey(role, name, secretHmac));
  return entry === null ? null : { data: secretIdData(entry) };
};

export const destroySecretIdAccessor: Handler = async (_req, f, ctx) => {
  const { accessor, name, role, secretHmac } = await findByAccessor(f, ctx.storage);
  if (secretHmac === null) {
    throw plainError(`failed to find accessor entry for secret_id_accessor: ${JSON.stringify(accessor)}`);
  }
  const key = secretIdKey(role, name, secretHmac);
  if ((await readSecretId(ctx.storage, key)) === null) {
    throw new HvrError('HVR_PERMISSION_DENIED', 403, 'invalid secret id accessor');
  }
  await deleteAccessor(ctx.storage, role, accessor);
  await ctx.storage.delete(key);
  return null;
};

/** flushRoleSecrets, plus the accessor index entries (which Vault leaves to tidy). */
export async function flushRoleSecretIds(storage: StorageView, role: RoleEntry, name: string): Promise<void> {
  const prefix = `${role.secretIdPrefix}${hmacOf(role.hmacKey, name)}/`;
  for (const hmac of await storage.list(prefix)) {
    const entry = await readSecretId(storage, `${prefix}${hmac}`);
    if (entry) await deleteAccessor(storage, role, entry.secretIdAccessor);
    await storage.delete(`${prefix}${hmac}`);
  }
}
