import type { TokenEntry } from '../../logical/token-entry.js';
import type { AuditAuth } from './input.js';

/**
 * The caller's auth as Vault's CheckToken fills it for the audit log, from the token
 * that made the request: the token itself, its accessor, policies, metadata, type,
 * creation TTL and issue time, and the uses it has left.
 */
export function tokenAuditAuth(entry: TokenEntry, extra: Partial<AuditAuth> = {}): AuditAuth {
  return {
    clientToken: entry.id,
    accessor: entry.accessor,
    displayName: entry.displayName,
    policies: entry.policies,
    tokenPolicies: entry.policies,
    metadata: entry.meta,
    entityId: entry.entityId,
    tokenType: entry.type,
    tokenTTL: entry.ttl,
    tokenIssueTime: new Date(entry.creationTime * 1000),
    remainingUses: entry.numUses,
    ...extra,
  };
}
