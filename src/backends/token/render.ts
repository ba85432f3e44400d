import { msToRfc3339Nano } from '../../gocompat/time.js';
import { remainingTTL, type TokenEntry } from '../../logical/token-entry.js';

/** auth/token/lookup* data, with Vault's field names. `id` is empty for accessor lookups. */
export function renderLookup(entry: TokenEntry, opts: { showId: boolean }): Record<string, unknown> {
  const creation = entry.creationTime;
  return {
    accessor: entry.accessor,
    // token_store.go handleLookup: bound_cidrs only when the token has them.
    ...(entry.boundCIDRs && entry.boundCIDRs.length > 0 ? { bound_cidrs: [...entry.boundCIDRs] } : {}),
    creation_time: creation,
    creation_ttl: entry.ttl,
    display_name: entry.displayName,
    entity_id: entry.entityId,
    expire_time: entry.expireTime > 0 ? msToRfc3339Nano(entry.expireTime) : null,
    explicit_max_ttl: entry.explicitMaxTTL,
    id: opts.showId ? entry.id : '',
    ...(entry.expireTime > 0 ? { issue_time: msToRfc3339Nano(creation * 1000) } : {}),
    meta: entry.meta,
    num_uses: Math.max(0, entry.numUses),
    orphan: entry.parent === '',
    path: entry.path,
    ...(entry.period > 0 ? { period: entry.period } : {}),
    policies: [...entry.policies],
    renewable: entry.renewable,
    ...(entry.role ? { role: entry.role } : {}),
    ttl: remainingTTL(entry),
    type: entry.type,
  };
}
