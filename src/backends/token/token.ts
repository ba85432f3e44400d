import type { Core } from '../../core/core.js';
import { parseCIDRs } from '../../logical/cidr.js';
import { badRequest, HvrError, permissionDenied } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { Backend, FieldSpec, PathSpec } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import { isRootEntry, type TokenEntry } from '../../logical/token-entry.js';
import { CREATE_FIELDS, createToken, sanitizePolicies } from './create.js';
import { renderLookup } from './render.js';
import { deleteRole, listRoles, readRole, type TokenRole, writeRole } from './roles.js';

/** policyutil.SanitizePolicies without "default", for role lists. */
const sanitizePoliciesOrNull = (list: readonly string[] | undefined): string[] | undefined =>
  list === undefined ? undefined : sanitizePolicies(list, false);

/** auth/token: the token store's API (Vault's vault/token_store.go paths). */
export function tokenBackend(core: Core): Backend {
  const storage = core.root;
  const callerEntry = (req: Request): TokenEntry => {
    const entry = req.caller?.entry ?? null;
    if (!entry) throw permissionDenied();
    return entry;
  };

  // handleLookup: ErrorResponse("bad token") with ErrPermissionDenied, which Vault answers as 403.
  const lookupToken = async (token: string): Promise<TokenEntry> => {
    const entry = await core.tokens.lookup(token);
    if (!entry) throw new HvrError('HVR_PERMISSION_DENIED', 403, 'bad token');
    return entry;
  };

  // handleRenew: ErrorResponse("token not found") with ErrInvalidRequest.
  const tokenToRenew = async (token: string): Promise<TokenEntry> => {
    const entry = await core.tokens.lookup(token);
    if (!entry) throw badRequest('token not found');
    return entry;
  };

  const revoke = (mode: 'tree' | 'orphan') => async (entry: TokenEntry) => {
    if (mode === 'orphan') await core.tokens.revokeOrphan(entry);
    else await core.tokens.revokeTree(entry);
    return null;
  };

  const renew = async (entry: TokenEntry, fields: Fields): Promise<Response> => {
    const renewed = await core.renewToken(entry, fields.duration('increment') ?? 0);
    const auth = core.authInfo(renewed);
    // The TTL just granted (Vault answers -increment=1h with 3600), not the floor of what is left.
    const granted =
      renewed.expireTime === 0 ? 0 : Math.max(0, Math.round((renewed.expireTime - Date.now()) / 1000));
    return { auth: { ...auth, leaseDuration: granted } };
  };

  const tokenField = { token: { type: 'string' } } as const satisfies Record<string, FieldSpec>;
  const accessorField = { accessor: { type: 'string' } } as const satisfies Record<string, FieldSpec>;
  const incrementField = { increment: { type: 'duration' } } as const satisfies Record<string, FieldSpec>;
  const requiredToken = (fields: Fields) => fields.requiredString('token', 'missing token');

  const paths: PathSpec[] = [
    {
      pattern: 'create',
      fields: CREATE_FIELDS,
      synopsis: 'Creates a token.',
      ops: { update: (r, f, c) => createToken(core, r, f, c, 'normal') },
    },
    {
      pattern: 'create-orphan',
      fields: CREATE_FIELDS,
      synopsis: 'Creates an orphan token.',
      ops: { update: (r, f, c) => createToken(core, r, f, c, 'orphan') },
    },
    {
      pattern: 'create/:role_name',
      fields: CREATE_FIELDS,
      synopsis: 'Creates a token against a role.',
      ops: { update: (r, f, c) => createToken(core, r, f, c, 'role') },
    },
    {
      pattern: 'lookup',
      fields: tokenField,
      synopsis: 'Looks up a token.',
      ops: {
        update: async (_r, f) => ({
          data: renderLookup(await lookupToken(requiredToken(f)), { showId: true }),
        }),
        read: async (r, f) => ({
          data: renderLookup(await lookupToken(f.string('token') ?? r.token ?? ''), { showId: true }),
        }),
      },
    },
    {
      pattern: 'lookup-self',
      synopsis: 'Looks up the calling token.',
      ops: {
        read: async (r) => ({ data: renderLookup(callerEntry(r), { showId: true }) }),
        update: async (r) => ({ data: renderLookup(callerEntry(r), { showId: true }) }),
      },
    },
    {
      pattern: 'lookup-accessor',
      fields: accessorField,
      synopsis: 'Looks up a token by accessor.',
      ops: {
        update: async (_r, f) => {
          const entry = await core.tokens.lookupAccessor(f.requiredString('accessor', 'missing accessor'));
          if (!entry) throw badRequest('invalid accessor');
          return { data: renderLookup(entry, { showId: false }) };
        },
      },
    },
    {
      pattern: 'renew',
      fields: { ...tokenField, ...incrementField },
      synopsis: 'Renews a token.',
      ops: { update: async (_r, f) => renew(await tokenToRenew(requiredToken(f)), f) },
    },
    {
      pattern: 'renew-self',
      fields: incrementField,
      synopsis: 'Renews the calling token.',
      ops: { update: async (r, f) => renew(callerEntry(r), f) },
    },
    {
      pattern: 'renew-accessor',
      fields: { ...accessorField, ...incrementField },
      synopsis: 'Renews a token by accessor.',
      ops: {
        update: async (_r, f) => {
          const entry = await core.tokens.lookupAccessor(f.requiredString('accessor', 'missing accessor'));
          if (!entry) throw badRequest('invalid accessor');
          const resp = await renew(entry, f);
          return resp.auth ? { auth: { ...resp.auth, clientToken: '' } } : resp;
        },
      },
    },
    {
      pattern: 'revoke',
      fields: tokenField,
      synopsis: 'Revokes a token and its children.',
      ops: {
        update: async (_r, f) => {
          // revokeCommon: a token that does not exist (any more) is not an error.
          const entry = await core.tokens.lookup(requiredToken(f));
          return entry ? revoke('tree')(entry) : null;
        },
      },
    },
    {
      pattern: 'revoke-self',
      synopsis: 'Revokes the calling token.',
      ops: { update: async (r) => revoke('tree')(callerEntry(r)) },
    },
    {
      pattern: 'revoke-accessor',
      fields: accessorField,
      synopsis: 'Revokes a token by accessor.',
      ops: {
        update: async (_r, f) => {
          const entry = await core.tokens.lookupAccessor(f.requiredString('accessor', 'missing accessor'));
          if (!entry) throw badRequest('invalid accessor');
          return revoke('tree')(entry);
        },
      },
    },
    {
      pattern: 'revoke-orphan',
      fields: tokenField,
      synopsis: 'Revokes a token, leaving its children.',
      ops: {
        update: async (r, f) => {
          // handleRevokeOrphan checks sudo itself: the path is only Root-protected as `revoke-orphan/*`.
          const caller = callerEntry(r);
          const sudo =
            isRootEntry(caller) ||
            ((r.caller?.acl ?? null)?.capabilities('auth/token/revoke-orphan').includes('sudo') ?? false);
          if (!sudo) throw badRequest('root or sudo privileges required to revoke and orphan');
          return revoke('orphan')(await lookupTokenOrNull(requiredToken(f)));
        },
      },
    },
    {
      pattern: 'accessors/',
      auth: 'sudo',
      synopsis: 'Lists token accessors.',
      ops: { list: async () => ({ data: { keys: await core.tokens.listAccessors() } }) },
    },
    {
      pattern: 'roles/',
      synopsis: 'Lists token roles.',
      ops: { list: async () => ({ data: { keys: await listRoles(storage) } }) },
    },
    {
      pattern: 'roles/:role_name',
      fields: {
        role_name: { type: 'string' },
        allowed_policies: { type: 'comma-string-list' },
        disallowed_policies: { type: 'comma-string-list' },
        orphan: { type: 'bool' },
        renewable: { type: 'bool' },
        token_type: { type: 'string' },
        token_ttl: { type: 'duration' },
        token_max_ttl: { type: 'duration' },
        token_explicit_max_ttl: { type: 'duration' },
        explicit_max_ttl: { type: 'duration' },
        token_period: { type: 'duration' },
        period: { type: 'duration' },
        path_suffix: { type: 'string' },
        token_bound_cidrs: { type: 'comma-string-list' },
      },
      synopsis: 'Creates, reads or deletes a token role.',
      ops: {
        read: async (_r, f) => {
          const role = await readRole(storage, f.requiredString('role_name'));
          return role ? { data: { ...role } } : null;
        },
        update: async (_r, f) => {
          const name = f.requiredString('role_name').toLowerCase();
          const existing = await readRole(storage, name);
          const tokenType = (f.string('token_type') ??
            existing?.token_type ??
            'default-service') as TokenRole['token_type'];
          if (!['service', 'batch', 'default-service', 'default-batch'].includes(tokenType)) {
            throw badRequest(`invalid 'token_type' value "${tokenType}"`);
          }
          await writeRole(storage, {
            name,
            // tokenStoreRoleCreateUpdate: policyutil.SanitizePolicies(..., DoNotAddDefaultPolicy).
            allowed_policies:
              sanitizePoliciesOrNull(f.strings('allowed_policies')) ?? existing?.allowed_policies ?? [],
            disallowed_policies: f.strings('disallowed_policies') ?? existing?.disallowed_policies ?? [],
            orphan: f.bool('orphan') ?? existing?.orphan ?? false,
            renewable: f.bool('renewable') ?? existing?.renewable ?? true,
            token_type: tokenType,
            token_ttl: f.duration('token_ttl') ?? existing?.token_ttl ?? 0,
            token_max_ttl: f.duration('token_max_ttl') ?? existing?.token_max_ttl ?? 0,
            token_explicit_max_ttl:
              f.duration('token_explicit_max_ttl') ??
              f.duration('explicit_max_ttl') ??
              existing?.token_explicit_max_ttl ??
              0,
            token_period: f.duration('token_period') ?? f.duration('period') ?? existing?.token_period ?? 0,
            path_suffix: f.string('path_suffix') ?? existing?.path_suffix ?? '',
            token_bound_cidrs: f.has('token_bound_cidrs')
              ? parseCIDRs(f.strings('token_bound_cidrs') ?? [])
              : (existing?.token_bound_cidrs ?? []),
          });
          return null;
        },
        delete: async (_r, f) => {
          await deleteRole(storage, f.requiredString('role_name'));
          return null;
        },
      },
    },
  ];

  const lookupTokenOrNull = async (token: string): Promise<TokenEntry> => {
    const entry = await core.tokens.lookup(token);
    if (!entry) throw new HvrError('HVR_BAD_REQUEST', 400, 'token to revoke not found');
    return entry;
  };

  // token_store.go PathsSpecial.Root.
  return { type: 'token', paths, sudoPaths: ['revoke-orphan/*', 'accessors*'] };
}
