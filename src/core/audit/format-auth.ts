import { dateToRfc3339 } from '../../gocompat/time.js';
import type { AuthInfo } from '../../logical/request.js';
import type { AuditAuthEntry, AuditPolicyResults } from './entry.js';
import type { Hasher } from './hash.js';
import type { AuditAuth } from './input.js';
import { omitEmpty } from './omit-empty.js';

/** How a device renders sensitive strings: `hash` is absent when log_raw=true. */
export interface Redaction {
  readonly hash?: Hasher;
  readonly hmacAccessor: boolean;
}

/** HashAuth / HashRequest: tokens are always hashed, accessors unless hmac_accessor=false. */
export const redactToken = (value: string | undefined, r: Redaction): string | undefined =>
  value && r.hash ? r.hash(value) : value;

export const redactAccessor = (value: string | undefined, r: Redaction): string | undefined =>
  value && r.hash && r.hmacAccessor ? r.hash(value) : value;

/**
 * The top-level `auth` of an entry (the caller's token). Request entries carry
 * remaining_uses; response entries add entity_created. With no auth at all Vault still
 * writes `{"token_type":"default"}`.
 */
export function callerAuthEntry(
  auth: AuditAuth | undefined,
  r: Redaction,
  kind: 'request' | 'response',
): AuditAuthEntry {
  const a = auth ?? {};
  return omitEmpty<AuditAuthEntry>({
    accessor: redactAccessor(a.accessor, r),
    client_token: redactToken(a.clientToken, r),
    display_name: a.displayName,
    entity_created: kind === 'response' ? a.entityCreated : undefined,
    entity_id: a.entityId,
    identity_policies: a.identityPolicies,
    metadata: sortedMetadata(a.metadata),
    no_default_policy: a.noDefaultPolicy,
    policies: a.policies,
    policy_results: policyResults(a.policyResults),
    remaining_uses: a.remainingUses,
    token_policies: a.tokenPolicies,
    token_issue_time: a.tokenIssueTime ? dateToRfc3339(a.tokenIssueTime) : undefined,
    token_ttl: a.tokenTTL,
    token_type: a.tokenType ?? 'default',
  });
}

/** `response.auth`: the token a login or token-create handed out. */
export function issuedAuthEntry(auth: AuthInfo, r: Redaction, displayName?: string): AuditAuthEntry {
  return omitEmpty<AuditAuthEntry>({
    accessor: redactAccessor(auth.accessor, r),
    client_token: redactToken(auth.clientToken, r),
    display_name: displayName,
    entity_id: auth.entityId,
    identity_policies: auth.identityPolicies,
    metadata: sortedMetadata(auth.metadata),
    num_uses: auth.numUses,
    policies: auth.policies,
    token_policies: auth.tokenPolicies,
    token_ttl: auth.leaseDuration,
    token_type: auth.tokenType,
  });
}

function sortedMetadata(
  metadata: Readonly<Record<string, string>> | null | undefined,
): Record<string, string> | undefined {
  if (!metadata) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(metadata).sort()) {
    const value = metadata[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function policyResults(results: AuditAuth['policyResults']): AuditPolicyResults | undefined {
  if (!results) return undefined;
  const granting = results.grantingPolicies?.map((p) => ({
    ...omitEmpty({ name: p.name, namespace_id: p.namespaceId, namespace_path: p.namespacePath }),
    type: p.type,
  }));
  return granting && granting.length > 0
    ? { allowed: results.allowed, granting_policies: granting }
    : { allowed: results.allowed };
}
