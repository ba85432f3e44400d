/**
 * What an ACL holds for one path key: the union of every rule with that exact path string
 * across the token's policies, merged as NewACL in vault/acl.go does.
 */
import { CAPABILITY_BITS, capabilityBits } from './capability.js';
import type { ControlGroupFactor } from './control-group.js';
import type { PathRules } from './policy.js';

export interface Permissions {
  bits: number;
  /** Seconds; 0 = unset. */
  minWrappingTTL: number;
  maxWrappingTTL: number;
  /** undefined when no rule set the map ("nil"); an empty map allows everything. */
  allowedParameters: Map<string, unknown[]> | undefined;
  deniedParameters: Map<string, unknown[]> | undefined;
  requiredParameters: string[];
  mfaMethods: string[];
  controlGroupFactors: ControlGroupFactor[];
}

const DENY = CAPABILITY_BITS.deny;

const toMap = (record: Readonly<Record<string, readonly unknown[]>> | undefined) =>
  record === undefined ? undefined : new Map(Object.entries(record).map(([k, v]) => [k, [...v]]));

export function permissionsOf(rule: PathRules): Permissions {
  return {
    bits: capabilityBits(rule.capabilities),
    minWrappingTTL: rule.minWrappingTTL ?? 0,
    maxWrappingTTL: rule.maxWrappingTTL ?? 0,
    allowedParameters: toMap(rule.allowedParameters),
    deniedParameters: toMap(rule.deniedParameters),
    requiredParameters: [...(rule.requiredParameters ?? [])],
    mfaMethods: [...(rule.mfaMethods ?? [])],
    controlGroupFactors: [...(rule.controlGroup?.factors ?? [])],
  };
}

/** Folds `rule` into `existing`: deny wins, capabilities union, the tighter wrapping TTLs win. */
export function mergePermissions(existing: Permissions, rule: PathRules): void {
  if (existing.bits & DENY) return;
  const incoming = permissionsOf(rule);
  if (incoming.bits & DENY) {
    existing.bits = DENY;
    existing.allowedParameters = undefined;
    existing.deniedParameters = undefined;
    return;
  }
  existing.bits |= incoming.bits;
  existing.maxWrappingTTL = tighter(existing.maxWrappingTTL, incoming.maxWrappingTTL);
  existing.minWrappingTTL = tighter(existing.minWrappingTTL, incoming.minWrappingTTL);
  existing.allowedParameters = mergeParameters(existing.allowedParameters, incoming.allowedParameters);
  existing.deniedParameters = mergeParameters(existing.deniedParameters, incoming.deniedParameters);
  for (const name of incoming.requiredParameters) {
    if (!existing.requiredParameters.includes(name)) existing.requiredParameters.push(name);
  }
  existing.mfaMethods = [...new Set([...existing.mfaMethods, ...incoming.mfaMethods])];
  existing.controlGroupFactors.push(...incoming.controlGroupFactors);
}

/** Vault prefers the smaller of two set values, for the max and (as written) the min too. */
const tighter = (existing: number, incoming: number): number =>
  incoming > 0 && (existing === 0 || incoming < existing) ? incoming : existing;

/** An empty value list (any value) absorbs the other side; otherwise the lists concatenate. */
function mergeParameters(
  existing: Map<string, unknown[]> | undefined,
  incoming: Map<string, unknown[]> | undefined,
): Map<string, unknown[]> | undefined {
  if (incoming === undefined || incoming.size === 0) return existing;
  if (existing === undefined) return incoming;
  for (const [name, values] of incoming) {
    const current = existing.get(name);
    const anyValue = values.length === 0 || (current !== undefined && current.length === 0);
    existing.set(name, anyValue ? [] : [...values, ...(current ?? [])]);
  }
  return existing;
}
