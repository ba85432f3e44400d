import type { Core } from '../../core/core.js';
import { calculateTTL, checkAssignable } from '../../core/token-params.js';
import { badRequest, permissionDenied } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, FieldSpec } from '../../logical/path-spec.js';
import type { Request, Response } from '../../logical/request.js';
import { isRootEntry, type TokenEntry } from '../../logical/token-entry.js';
import { readRole, type TokenRole } from './roles.js';

export const CREATE_FIELDS: Record<string, FieldSpec> = {
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
export const sanitizePolicies = (list: readonly string[], addDefault: boolean): string[] => {
  const names = list.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  if (addDefault && !names.includes('root')) names.push('default');
  return [...new Set(names)].sort();
};

/** token_store.go displayNameSanitize: `[^a-zA-Z0-9-]` becomes `-`, then one trailing `-` goes. */
const sanitizeDisplayName = (name: string): string =>
  `token-${name}`.replace(/[^a-zA-Z0-9-]/g, '-').replace(/-$/, '');

const stringMeta = (value: Record<string, unknown> | undefined): Record<string, string> | null => {
  if (!value) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
};

/**
 * token_store.go resolveTokenPolicies: a role with allowed/disallowed policies bounds the
 * token by those lists; otherwise the parent's policies do, unless the caller has sudo.
 */
function resolvePolicies(
  fields: Fields,
  role: TokenRole | null,
  parent: TokenEntry,
  isSudo: boolean,
): string[] {
  let policies = fields.strings('policies') ?? [];
  const noDefault = fields.bool('no_default_policy') === true;
  let addDefault = false;
  const disallowed = role?.disallowed_policies ?? [];
  if (role && (role.allowed_policies.length > 0 || disallowed.length > 0)) {
    const localAddDefault = !noDefault && !disallowed.includes('default');
    let final = policies.length > 0 ? sanitizePolicies(policies, localAddDefault) : [];
    if (role.allowed_policies.length > 0) {
      const allowed = sanitizePolicies(role.allowed_policies, localAddDefault);
      if (final.length === 0) final = allowed;
      else if (final.some((p) => !allowed.includes(p))) {
        throw badRequest(
          `token policies (${goQuoteList(final)}) must be subset of the role's allowed policies (${goQuoteList(allowed)})`,
        );
      }
    } else if (final.length === 0) {
      final = sanitizePolicies(parent.policies, localAddDefault);
    }
    const banned = [...new Set(disallowed.map((p) => p.trim().toLowerCase()))];
    const hit = final.find((p) => banned.includes(p));
    if (hit !== undefined) throw badRequest(`token policy "${hit}" is disallowed by this role`);
    policies = final;
  } else if (policies.length === 0) {
    policies = sanitizePolicies(parent.policies, false);
  } else if (!isSudo) {
    const parentSet = sanitizePolicies(parent.policies, false);
    if (sanitizePolicies(policies, false).some((p) => !parentSet.includes(p))) {
      throw badRequest('child policies must be subset of parent');
    }
    addDefault = !noDefault && parent.policies.includes('default');
  } else {
    addDefault = !noDefault;
  }
  let final = sanitizePolicies(policies, addDefault);
  if (noDefault) final = final.filter((p) => p !== 'default');
  checkAssignable(final);
  return final;
}

/** auth/token/create, create-orphan and create/:role (token_store.go handleCreateCommon). */
export async function createToken(
  core: Core,
  req: Request,
  fields: Fields,
  ctx: BackendContext,
  mode: 'normal' | 'orphan' | 'role',
): Promise<Response> {
  const parent = req.caller?.entry ?? null;
  if (!parent) throw permissionDenied();
  let role: TokenRole | null = null;
  if (mode === 'role') {
    const name = fields.requiredString('role_name');
    role = await readRole(core.root, name);
    if (!role) throw badRequest(`unknown role ${name}`);
  }
  if (parent.type === 'batch') throw badRequest('batch tokens cannot create more tokens');
  // A token with a restricted number of uses cannot create a new token, otherwise it could
  // escape the restriction count (handleCreateCommon).
  if (parent.numUses !== 0) throw badRequest('restricted use token cannot generate child tokens');
  // SudoPrivilege(req.MountPoint+req.Path): sudo on the path actually called.
  const isSudo =
    isRootEntry(parent) ||
    ((req.caller?.acl ?? null)?.capabilities(`auth/token/${req.path}`).includes('sudo') ?? false);
  // A role with a fixed token_type (service, batch) overrides the request; default-service /
  // default-batch only fill in when the request names none.
  const roleType = role?.token_type;
  const typeText =
    roleType === 'service' || roleType === 'batch'
      ? roleType
      : fields.string('type') || (roleType === 'default-batch' ? 'batch' : 'service');
  if (typeText !== 'service' && typeText !== 'batch') throw badRequest("invalid 'token_type' value");
  const numUsesAsked = fields.int('num_uses') ?? 0;
  const explicitAsked = fields.duration('explicit_max_ttl') ?? 0;
  const periodAsked = fields.duration('period') ?? 0;
  if (typeText === 'batch') {
    const badReason =
      explicitAsked !== 0
        ? 'explicit_max_ttl'
        : numUsesAsked !== 0
          ? 'num_uses'
          : periodAsked !== 0
            ? 'period'
            : '';
    if (badReason) throw badRequest(`batch tokens cannot have "${badReason}" set`);
  }
  // Checked before anything is stored: a refused request must leave no token behind.
  if (numUsesAsked < 0) throw badRequest('number of uses cannot be negative');
  const id = fields.string('id');
  if (id !== undefined && id !== '') {
    if (!isSudo) throw badRequest('root or sudo privileges required to specify token id');
    if (id.includes('.')) throw badRequest('token IDs can not contain periods');
  }
  const policies = resolvePolicies(fields, role, parent, isSudo);
  if (policies.includes('root')) {
    // Thwarts privilege escalation by tokens with sudo (or a role allowing root).
    if (!isRootEntry(parent))
      throw badRequest('root tokens may not be created without parent token being root');
    if (typeText === 'batch') throw badRequest('batch tokens cannot be root tokens');
  }
  let noParent = mode === 'orphan';
  if (role) noParent = role.orphan;
  else if (fields.bool('no_parent') === true) {
    if (!isSudo) throw badRequest('root or sudo privileges required to create orphan token');
    noParent = true;
  }

  // parseAndMergeTTLPeriod: explicit max TTL and period of the request and the role, the
  // lesser of both when both are set; periodic tokens need sudo.
  const warnings: string[] = [];
  if (explicitAsked < 0) throw badRequest('explicit_max_ttl must be positive');
  if (periodAsked < 0) throw badRequest('period must be positive');
  if (periodAsked > 0 && !isSudo)
    throw badRequest('root or sudo privileges required to create periodic token');
  const ttlAsked = fields.duration('ttl') ?? fields.duration('lease') ?? 0;
  if (ttlAsked < 0) throw badRequest(fields.has('ttl') ? 'ttl must be positive' : 'lease must be positive');
  let explicitMaxTTL = explicitAsked;
  let period = periodAsked;
  if (role && typeText !== 'batch') {
    if (role.token_explicit_max_ttl !== 0) {
      if (explicitMaxTTL === 0) explicitMaxTTL = role.token_explicit_max_ttl;
      else {
        explicitMaxTTL = Math.min(explicitMaxTTL, role.token_explicit_max_ttl);
        warnings.push(
          `Explicit max TTL specified both during creation call and in role; using the lesser value of ${explicitMaxTTL} seconds`,
        );
      }
    }
    if (role.token_period !== 0) {
      if (period === 0) period = role.token_period;
      else {
        period = Math.min(period, role.token_period);
        warnings.push(
          `Period specified both during creation call and in role; using the lesser value of ${period} seconds`,
        );
      }
    }
  }
  let ttl = ttlAsked > 0 ? ttlAsked : (role?.token_ttl ?? 0);
  if (period > 0 || ttl > 0 || !policies.includes('root')) {
    const calc = calculateTTL(
      { defaultTTL: ctx.system.defaultLeaseTTL(), maxTTL: ctx.system.maxLeaseTTL() },
      { ttl, period, backendMaxTTL: role?.token_max_ttl ?? 0, explicitMaxTTL },
    );
    ttl = calc.ttl;
    warnings.push(...calc.warnings);
  }
  // Root tokens are still bound by explicit max TTL.
  if (ttl === 0 && explicitMaxTTL > 0) ttl = explicitMaxTTL;
  // A request may turn renewability off, never on against its role.
  let renewable = fields.bool('renewable') ?? true;
  if (role && !role.renewable) renewable = false;
  if (ttl === 0) {
    if (parent.ttl !== 0) throw badRequest('expiring root tokens cannot create non-expiring root tokens');
    renewable = false;
  }
  const boundCIDRs = role ? (role.token_bound_cidrs ?? []) : noParent ? [] : [...(parent.boundCIDRs ?? [])];
  for (const name of policies) {
    if (!(await core.policies.exists(name))) warnings.push(`Policy "${name}" does not exist`);
  }
  const displayName = fields.string('display_name');
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
    numUses: numUsesAsked,
    ttl,
    explicitMaxTTL,
    period,
    type: typeText,
    renewable,
    ...(role ? { role: role.name } : {}),
    // Role tokens take the role's CIDRs; other children inherit the parent's. Non-expiring
    // tokens are never CIDR-bound (handleCreateCommon).
    ...(ttl !== 0 && boundCIDRs.length > 0 ? { boundCIDRs } : {}),
  });
  return { auth: core.authInfo(entry), ...(warnings.length > 0 ? { warnings } : {}) };
}
