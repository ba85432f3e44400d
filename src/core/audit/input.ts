import type { Request, Response } from '../../logical/request.js';

/**
 * Who made the request, as the core knows it after checking the token (Vault's
 * logical.Auth as CheckToken fills it). Everything is optional: an unauthenticated
 * request (a login, sys/health) is audited with no auth at all.
 */
export interface AuditAuth {
  readonly clientToken?: string;
  readonly accessor?: string;
  readonly displayName?: string;
  readonly policies?: readonly string[];
  readonly tokenPolicies?: readonly string[];
  readonly identityPolicies?: readonly string[];
  readonly metadata?: Readonly<Record<string, string>> | null;
  readonly entityId?: string;
  readonly entityCreated?: boolean;
  readonly tokenType?: 'service' | 'batch';
  /** Seconds (the token's creation TTL). */
  readonly tokenTTL?: number;
  /** When the token was created. */
  readonly tokenIssueTime?: Date;
  readonly numUses?: number;
  /** Uses the token has left after this request. */
  readonly remainingUses?: number;
  readonly noDefaultPolicy?: boolean;
  readonly policyResults?: {
    readonly allowed: boolean;
    readonly grantingPolicies?: readonly {
      readonly name: string;
      readonly namespaceId: string;
      readonly namespacePath?: string;
      readonly type: string;
    }[];
  };
}

/** Per audited header (lower-case name): whether its value is HMAC'd. */
export type AuditedHeaders = Readonly<Record<string, { readonly hmac: boolean }>>;

/** Vault's logical.LogInput: everything one audit entry is made from. */
export interface AuditInput {
  readonly request: Request;
  readonly auth?: AuditAuth;
  /** Only for response entries; null or absent logs an empty response. */
  readonly response?: Response | null;
  /** The error the client was answered with (Vault's OuterErr). */
  readonly error?: string;
  readonly mountType?: string;
  readonly mountAccessor?: string;
  readonly mountPoint?: string;
  /** The mount's audit_non_hmac_request_keys: request data keys logged in the clear. */
  readonly nonHmacRequestKeys?: readonly string[];
  /** The mount's audit_non_hmac_response_keys. */
  readonly nonHmacResponseKeys?: readonly string[];
  /** sys/config/auditing/request-headers: the only request headers that are logged. */
  readonly auditedHeaders?: AuditedHeaders;
}
