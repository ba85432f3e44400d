/** A token as the token store keeps it (service tokens) or encodes it (batch tokens). */
export interface TokenEntry {
  readonly id: string;
  readonly accessor: string;
  /** The parent's token id; '' for orphans. */
  readonly parent: string;
  readonly policies: readonly string[];
  readonly path: string;
  readonly meta: Readonly<Record<string, string>> | null;
  readonly displayName: string;
  /** Uses left; 0 = unlimited. */
  readonly numUses: number;
  /** Unix seconds. */
  readonly creationTime: number;
  /** Creation TTL in seconds; 0 = never expires. */
  readonly ttl: number;
  readonly explicitMaxTTL: number;
  readonly period: number;
  readonly type: 'service' | 'batch';
  readonly renewable: boolean;
  /** Epoch milliseconds; 0 = never. */
  readonly expireTime: number;
  readonly role: string;
  readonly entityId: string;
  /** Lease id of the auth lease, when the token has one. */
  readonly leaseId: string;
  /** The auth method's max TTL (token_max_ttl): renewals stop there, like explicitMaxTTL. */
  readonly maxTTL?: number;
  /** Requests with this token are refused from outside these CIDRs (CheckToken). */
  readonly boundCIDRs?: readonly string[];
  /** Data an auth backend asked to keep (e.g. the user name, for renewals). */
  readonly internalData?: Readonly<Record<string, unknown>>;
}

export const isRootEntry = (entry: TokenEntry): boolean => entry.policies.includes('root');

/** Remaining TTL in whole seconds; 0 for tokens that never expire. */
export function remainingTTL(entry: TokenEntry, now = Date.now()): number {
  if (entry.expireTime === 0) return 0;
  return Math.max(0, Math.floor((entry.expireTime - now) / 1000));
}
