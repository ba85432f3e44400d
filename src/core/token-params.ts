import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { formatGoDuration } from '../gocompat/duration.js';
import { badRequest, permissionDenied } from '../logical/errors.js';

/**
 * Token parameters every token-issuing path shares (auth/token/create and every auth
 * method's login): TTL capping, policies no token may carry, bound CIDRs.
 */

/** policy_store.go NonAssignablePolicies: only the core hands these out. */
export const NON_ASSIGNABLE_POLICIES = ['response-wrapping'];

/** resolveTokenPolicies / handleLoginResponse: `cannot assign policy "response-wrapping"`. */
export function checkAssignable(policies: readonly string[]): void {
  for (const name of policies) {
    if (NON_ASSIGNABLE_POLICIES.includes(name)) throw badRequest(`cannot assign policy "${name}"`);
  }
}

/** sdk/framework/lease.go humanDuration: Go's Duration.String without zero units. */
export function humanDuration(seconds: number): string {
  let text = formatGoDuration(seconds);
  if (text.endsWith('m0s')) text = text.slice(0, -2);
  const idx = text.indexOf('h0m');
  if (idx > 0) text = text.slice(0, idx + 1) + text.slice(idx + 3);
  return text;
}

export interface TTLLimits {
  /** The mount's default lease TTL (system default when unset), seconds. */
  readonly defaultTTL: number;
  /** The mount's max lease TTL (system max, 768h, when unset), seconds. */
  readonly maxTTL: number;
}

/**
 * sdk/framework/lease.go CalculateTTL for a token created now: the TTL asked for (or the
 * mount default), bounded by the mount max, the backend's max and the explicit max TTL; a
 * period is bounded by the same max but escapes the max TTL on renewal.
 */
export function calculateTTL(
  limits: TTLLimits,
  opts: { ttl: number; period: number; backendMaxTTL: number; explicitMaxTTL: number },
): { ttl: number; warnings: string[] } {
  let maxTTL = limits.maxTTL;
  if (opts.backendMaxTTL > 0 && opts.backendMaxTTL < maxTTL) maxTTL = opts.backendMaxTTL;
  if (opts.explicitMaxTTL > 0 && opts.explicitMaxTTL < maxTTL) maxTTL = opts.explicitMaxTTL;
  const warnings: string[] = [];
  if (opts.period > 0) {
    let period = opts.period;
    if (period > maxTTL) {
      warnings.push(
        `period of "${humanDuration(period)}" exceeded the effective max_ttl of "${humanDuration(maxTTL)}"; period value is capped accordingly`,
      );
      period = maxTTL;
    }
    if (opts.explicitMaxTTL > 0 && period > opts.explicitMaxTTL) {
      warnings.push(
        `TTL of "${humanDuration(period)}" exceeded the effective max_ttl of "${humanDuration(opts.explicitMaxTTL)}"; TTL value is capped accordingly`,
      );
      period = opts.explicitMaxTTL;
    }
    return { ttl: period, warnings };
  }
  let ttl = opts.ttl > 0 ? opts.ttl : limits.defaultTTL;
  if (ttl > maxTTL) {
    warnings.push(
      `TTL of "${humanDuration(ttl)}" exceeded the effective max_ttl of "${humanDuration(maxTTL)}"; TTL value is capped accordingly`,
    );
    ttl = maxTTL;
  }
  return { ttl, warnings };
}

/** cidrutil.RemoteAddrIsOk: no CIDRs means any address; otherwise the caller must be in one. */
export function remoteAddrIsOk(remote: string | undefined, cidrs: readonly string[] | undefined): boolean {
  if (!cidrs || cidrs.length === 0) return true;
  if (!remote) return false;
  const addr = remote.startsWith('::ffff:') && isIPv4(remote.slice(7)) ? remote.slice(7) : remote;
  const family = isIPv4(addr) ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net = '', bits] = cidr.split('/');
    const netFamily = isIPv4(net) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(net, netFamily);
    else list.addSubnet(net, Number(bits), netFamily);
  }
  return list.check(addr, family);
}

/** CheckToken / login: a caller outside the bound CIDRs is refused as permission denied. */
export function checkBoundCIDRs(
  remote: string | undefined,
  cidrs: readonly string[] | undefined,
  denied: () => Error = permissionDenied,
): void {
  if (!remoteAddrIsOk(remote, cidrs)) throw denied();
}
