import type { Core } from '../../core/core.js';
import { badRequest, HvrError, permissionDenied } from '../../core/errors.js';
import type { Request, Response } from '../../core/request.js';
import { isRootEntry, type TokenEntry } from '../../core/token-entry.js';
import type { Fields } from '../fields.js';
import type { Backend, FieldSpec, PathSpec } from '../path-spec.js';
import { renderLookup } from './render.js';
import { deleteRole, listRoles, readRole, type TokenRole, writeRole } from './roles.js';

const CREATE_FIELDS: Record<string, FieldSpec> = {
  id: { type: 'string', description: 'Value for the token (root tokens only); generated when empty.' },
  role_name: { type: 'string', description: 'Name of the role to create the token against.' },
  policies: { type: 'comma-string-list', description: 'List of policies for the token.' },
  meta: { type: 'map', description: 'Arbitrary key=value metadata to attach to the token.' },
  no_parent: { type: 'bool', description: 'Create the token with no parent (an orphan); root or sudo only.' },
  no_default_policy: { type: 'bool', description: 'Do not attach the default policy to the token.' },
  renewable: { type: 'bool', description: 'Allow the token to be renewed past its initial TTL.' },
  ttl: { type: 'duration', description: 'Time to live for the token.' },
  lease: { type: 'duration', description: 'Deprecated: use ttl.' },
  type: { type: 'string', description: 'Token type: "service" or "batch".' },
  explicit_max_ttl: { type: 'duration', description: 'Hard limit on the token lifetime, renewals included.' },
  display_name: { type: 'string', description: 'Name to associate with the token.' },
  num_uses: { type: 'int', description: 'Maximum number of uses of the token (0 = unlimited).' },
  period: {
    type: 'duration',
    description: 'Renew period: the token never expires as long as it is renewed within it.',
  },
  entity_alias: {
    type: 'string',
    description: 'Name of the entity alias to associate with the token (with role_name).',
  },
};

/** Go's `%q` of a []string: `["a" "b"]`. */
const goQuoteList = (list: readonly string[]): string => `[${list.map((p) => JSON.stringify(p)).join(' ')}]`;

/** policyutil.SanitizePolicies: trimmed, lower-cased, deduplicated, sorted; `default` added when asked. */
const sanitizePolicies = (list: readonly string[], addDefault: boolean): string[] => {
  const names = list.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  if (addDefault && !names.includes('root')) names.push('default');
  return [...new Set(names)].sort();
};

/** token_store.go displayNameSanitize: `[^a-zA-Z0-9-]` becomes `-`, then one trailing `-` goes. */
const sanitizeDisplayName = (name: string): string =>
  `token-${name}`.replace(/[^a-zA-Z0-9-]/g, '-').replace(/-$/, '');

const sanitizePoliciesOrNull = (list: readonly string[] | undefined): string[] | undefined =>
  list === undefined ? undefined : sanitizePolicies(list, false);

const stringMeta = (value: Record<string, unknown> | undefined): Record<string, string> | null => {
  if (!value) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
};

/** auth/token: the token store's API (Vault's vault/token_store.go paths). */
export function tokenBackend(core: Core): Backend {
  const storage = core.root;
  const callerEntry = (req: Request): TokenEntry => {
    const entry = core.caller(req).entry;
    if (!entry) throw permissionDenied();
    return entry;
  };

  const create = async (
    req: Request,
    fields: Fields,
    mode: 'normal' | 'orphan' | 'role',
  ): Promise<Response> => {
    const parent = callerEntry(req);
    const parentIsRoot = isRootEntry(parent);
    const hasSudo =
      parentIsRoot || (core.caller(req).acl?.capabilities(`auth/token/create`).includes('sudo') ?? false);
    let role: TokenRole | null = null;
    if (mode === 'role') {
      const name = fields.requiredString('role_name');
      role = await readRole(storage, name);
      if (!role) throw badRequest(`unknown role ${name}`);
    }
    if (parent.type === 'batch') throw badRequest('batch tokens cannot create more tokens');
    // A token with a restricted number of uses cannot create a new token, otherwise it could
    // escape the restriction count (handleCreateCommon).
    if (parent.numUses !== 0) throw badRequest('restricted use token cannot generate child tokens');
    const id = fields.string('id');
    if (id !== undefined && id !== '') {
      if (!hasSudo) throw badRequest('root or sudo privileges required to specify token id');
      if (id.includes('.')) throw badRequest('token IDs can not contain periods');
    }
    const noParent = mode === 'orphan' || role?.orphan === true || fields.bool('no_parent') === true;
    if (noParent && mode === 'normal' && !hasSudo) {
      throw badRequest('root or sudo privileges required to create orphan token');
    }
    // Vault's token store: a role with a fixed token_type (service, batch) overrides the request;
    // default-service / default-batch only fill in when the request names none.
    const roleType = role?.token_type;
    const typeText =
      roleType === 'service' || roleType === 'batch'
        ? roleType
        : fields.string('type') || (roleType === 'default-batch' ? 'batch' : 'service');
    // handleCreateCommon answers this one without the value.
    if (typeText !== 'service' && typeText !== 'batch') throw badRequest("invalid 'token_type' value");
    const numUses = fields.int('num_uses') ?? 0;
    if (typeText === 'batch') {
      const badReason =
        (fields.duration('explicit_max_ttl') ?? 0) !== 0
          ? 'explicit_max_ttl'
          : numUses !== 0
            ? 'num_uses'
            : (fields.duration('period') ?? 0) !== 0
              ? 'period'
              : undefined;
      if (badReason) throw badRequest(`batch tokens cannot have "${badReason}" set`);
    }
    // Checked before anything is stored: a refused request must leave no token behind.
    if (numUses < 0) throw badRequest('number of uses cannot be negative');
    let policies = fields.strings('policies') ?? [];
    policies = policies.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
    if (role && role.allowed_policies.length > 0) {
      // With allowed policies the role, not the parent, bounds the token; asked-for policies
      // must be a subset, and none asked for means the allowed set (handleCreateCommon).
      const addDefault = fields.bool('no_default_policy') !== true;
      const allowed = sanitizePolicies(role.allowed_policies, addDefault);
      if (policies.length === 0) policies = allowed;
      else {
        const requested = sanitizePolicies(policies, addDefault);
        if (requested.some((p) => !allowed.includes(p))) {
          throw badRequest(
            `token policies (${goQuoteList(requested)}) must be subset of the role's allowed policies (${goQuoteList(allowed)})`,
          );
        }
      }
    }
    if (policies.length === 0) policies = parent.policies.filter((p) => p !== 'root' || parentIsRoot);
    // Without allowed policies a role bounds nothing: the parent's policies do, as for plain create.
    if (!(role && role.allowed_policies.length > 0) && !parentIsRoot) {
      const outside = policies.filter((p) => p !== 'default' && !parent.policies.includes(p));
      if (outside.length > 0) throw badRequest('child policies must be subset of parent');
    }
    if (!fields.bool('no_default_policy') && !policies.includes('root') && !policies.includes('default')) {
      policies.push('default');
    }
    policies = [...new Set(policies)].sort();
    const warnings: string[] = [];
    for (const name of policies) {
      if (!(await core.policies.exists(name))) warnings.push(`Policy "${name}" does not exist`);
    }
    const displayName = fields.string('display_name');
    const ttl = fields.duration('ttl') ?? fields.duration('lease') ?? role?.token_ttl ?? 0;
    const explicitMaxTTL = fields.duration('explicit_max_ttl') ?? role?.token_explicit_max_ttl ?? 0;
    const period = fields.duration('period') ?? role?.token_period ?? 0;
    const isRootToken = policies.includes('root');
    const mountPath = role
      ? `auth/token/create/${role.name}`
      : mode === 'orphan'
        ? 'auth/token/create-orphan'
        : 'auth/token/create';
    const entry = await core.issueToken(mountPath, {
      ...(id ? { id } : {}),
      parent: noParent ? '' : parent.id,
      policies,
      meta: stringMeta(fields.map('meta')),
      displayName: displayName ? sanitizeDisplayName(displayName) : 'token',
      numUses,
      ttl: ttl > 0 ? ttl : isRootToken && explicitMaxTTL === 0 && period === 0 ? 0 : 768 * 3600,
      explicitMaxTTL,
      period,
      type: typeText,
      renewable: fields.bool('renewable') ?? role?.renewable ?? true,
      ...(role ? { role: role.name } : {}),
    });
    return { auth: core.authInfo(entry), ...(warnings.length > 0 ? { warnings } : {}) };
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
      ops: { update: (r, f) => create(r, f, 'normal') },
    },
    {
      pattern: 'create-orphan',
      fields: CREATE_FIELDS,
      synopsis: 'Creates an orphan token.',
      ops: { update: (r, f) => create(r, f, 'orphan') },
    },
    {
      pattern: 'create/:role_name',
      fields: CREATE_FIELDS,
      synopsis: 'Creates a token against a role.',
      ops: { update: (r, f) => create(r, f, 'role') },
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
            (core.caller(r).acl?.capabilities('auth/token/revoke-orphan').includes('sudo') ?? false);
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
