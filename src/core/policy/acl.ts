/**
 * The ACL built from a token's policies (vault/acl.go). Rules are merged by path string
 * across policies first; a request then uses one rule: the exact path if there is one,
 * else the highest-priority glob (see acl-match.ts). `deny` on that rule refuses all.
 */

import { badRequest } from '../../logical/errors.js';
import type { Operation } from '../../logical/request.js';
import { matchNonExact } from './acl-match.js';
import { parametersAllowed } from './acl-parameters.js';
import { mergePermissions, type Permissions, permissionsOf } from './acl-permissions.js';
import { ROOT_POLICY_NAME, rootPolicy } from './builtin.js';
import { CAPABILITY_BITS, grantedCapabilities } from './capability.js';
import type { Policy } from './policy.js';

export interface AclResult {
  readonly allowed: boolean;
  /** The rule grants `sudo` (or the token is root): root-protected paths are open. */
  readonly rootPrivs: boolean;
  /** What `capabilities(path)` reports for the rule that decided (["root"] for root). */
  readonly capabilities: string[];
}

export interface AllowOptions {
  /**
   * false when the backend has no existence check for the path: Vault then checks a
   * create as an update (request_handling.go, "how it is pre 0.5").
   */
  readonly existenceKnown?: boolean;
  /** The requested response-wrapping TTL in seconds; undefined when not wrapping. */
  readonly wrapTTL?: number;
}

export interface WrappingTTLBounds {
  /** Seconds; 0 = no bound. */
  readonly min: number;
  readonly max: number;
}

/** The capability each operation needs; `help` needs none. */
const OPERATION_BITS: Readonly<Record<Exclude<Operation, 'help'>, number>> = {
  read: CAPABILITY_BITS.read,
  list: CAPABILITY_BITS.list,
  update: CAPABILITY_BITS.update,
  create: CAPABILITY_BITS.create,
  delete: CAPABILITY_BITS.delete,
  patch: CAPABILITY_BITS.patch,
};

/** Operations whose request data is checked against parameter constraints. */
const PARAMETER_CHECKED = new Set<Operation>(['read', 'update', 'create', 'patch']);

export class ACL {
  readonly #exact = new Map<string, Permissions>();
  readonly #prefix = new Map<string, Permissions>();
  readonly #segment = new Map<string, Permissions>();
  readonly #root: boolean;

  /**
   * Paths using identity templating are skipped: hvr has no entities, and Vault drops a
   * templated path it cannot fill in.
   */
  constructor(policies: readonly Policy[]) {
    this.#root = policies.some((p) => p.name === ROOT_POLICY_NAME);
    if (this.#root && policies.length !== 1) throw badRequest('other policies present along with root');
    for (const policy of policies) {
      for (const rule of policy.paths) {
        if (rule.templated) continue;
        const table = rule.hasSegmentWildcards ? this.#segment : rule.isPrefix ? this.#prefix : this.#exact;
        const existing = table.get(rule.path);
        if (existing === undefined) table.set(rule.path, permissionsOf(rule));
        else mergePermissions(existing, rule);
      }
    }
  }

  static root(): ACL {
    return new ACL([rootPolicy()]);
  }

  get isRoot(): boolean {
    return this.#root;
  }

  /** sys/capabilities: the sorted capabilities on `path`; ["deny"] if none, ["root"] for root. */
  capabilities(path: string): string[] {
    if (this.#root) return ['root'];
    return describe(this.#lookup(path, 'list'));
  }

  allowOperation(
    op: Operation,
    path: string,
    data: Readonly<Record<string, unknown>> = {},
    opts: AllowOptions = {},
  ): AclResult {
    if (this.#root) return { allowed: true, rootPrivs: true, capabilities: ['root'] };
    if (op === 'help') return { allowed: true, rootPrivs: false, capabilities: this.capabilities(path) };
    const operation = op === 'create' && opts.existenceKnown === false ? 'update' : op;
    const perms = this.#lookup(path, operation);
    const capabilities = describe(perms);
    if (perms === undefined) return { allowed: false, rootPrivs: false, capabilities };
    const rootPrivs = (perms.bits & CAPABILITY_BITS.sudo) !== 0;
    const allowed =
      (perms.bits & OPERATION_BITS[operation]) !== 0 &&
      wrapTTLAllowed(perms, opts.wrapTTL) &&
      (!PARAMETER_CHECKED.has(operation) || parametersAllowed(perms, data));
    return { allowed, rootPrivs, capabilities };
  }

  /** min/max_wrapping_ttl of the rule that governs `path` (merged across policies). */
  wrappingTTLBounds(path: string): WrappingTTLBounds {
    if (this.#root) return { min: 0, max: 0 };
    const perms = this.#lookup(path, 'read');
    return { min: perms?.minWrappingTTL ?? 0, max: perms?.maxWrappingTTL ?? 0 };
  }

  /**
   * logical_system.go hasMountAccess: the token may do something at or under `mountPath`
   * (a non-deny rule on the mount itself, any granting rule below it, or a `+` glob that
   * reaches into it).
   */
  hasMountAccess(mountPath: string): boolean {
    if (this.#root) return true;
    if (!this.capabilities(mountPath).includes('deny')) return true;
    const grants = (perms: Permissions) =>
      (perms.bits & CAPABILITY_BITS.deny) === 0 && grantedCapabilities(perms.bits).length > 0;
    for (const table of [this.#exact, this.#prefix]) {
      for (const [path, perms] of table) if (path.startsWith(mountPath) && grants(perms)) return true;
    }
    const mountSegments = mountPath.replace(/\/$/, '').split('/');
    for (const [path, perms] of this.#segment) {
      const segments = path.split('/');
      const reaches = mountSegments.every((seg, i) => {
        const rule = segments[i];
        if (rule === undefined) return false;
        return (
          rule === '+' ||
          rule === seg ||
          (i === segments.length - 1 && rule.endsWith('*') && seg.startsWith(rule.slice(0, -1)))
        );
      });
      if (reaches && grants(perms)) return true;
    }
    return false;
  }

  /** Exact rule first; for lists also without the trailing `/`; then globs. */
  #lookup(rawPath: string, op: Operation): Permissions | undefined {
    const path = rawPath.replace(/^\/+/, '');
    const tables = { prefix: this.#prefix, segment: this.#segment };
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    return (
      this.#exact.get(path) ??
      (op === 'list' ? this.#exact.get(trimmed) : undefined) ??
      (op === 'list' && trimmed !== path ? matchNonExact(tables, trimmed) : undefined) ??
      matchNonExact(tables, path)
    );
  }
}

function describe(perms: Permissions | undefined): string[] {
  const bits = perms?.bits ?? 0;
  const granted = grantedCapabilities(bits);
  if (bits & CAPABILITY_BITS.deny || granted.length === 0) return ['deny'];
  return [...granted].sort();
}

/** A rule with wrapping bounds requires wrapping within them. */
function wrapTTLAllowed(perms: Permissions, wrapTTL: number | undefined): boolean {
  if (perms.maxWrappingTTL > 0 && (wrapTTL === undefined || wrapTTL > perms.maxWrappingTTL)) return false;
  if (perms.minWrappingTTL > 0 && (wrapTTL === undefined || wrapTTL < perms.minWrappingTTL)) return false;
  return !(
    perms.minWrappingTTL !== 0 &&
    perms.maxWrappingTTL !== 0 &&
    perms.maxWrappingTTL < perms.minWrappingTTL
  );
}
