/**
 * The JSON shape of one audit log line, with Vault's field names (hashicorp/vault
 * audit/types.go). Every field but `auth` is omitted when empty (Go's `omitempty`), and
 * the formatter adds fields in the order Vault declares them, so a line reads like Vault's.
 * `data`, `metadata` and `headers` are Go maps: their keys come out sorted.
 */
export interface AuditNamespace {
  readonly id: string;
  readonly path?: string;
}

export interface AuditPolicyInfo {
  readonly name?: string;
  readonly namespace_id?: string;
  readonly namespace_path?: string;
  readonly type: string;
}

export interface AuditPolicyResults {
  readonly allowed: boolean;
  readonly granting_policies?: readonly AuditPolicyInfo[];
}

export interface AuditAuthEntry {
  readonly accessor?: string;
  readonly client_token?: string;
  readonly display_name?: string;
  readonly entity_created?: boolean;
  readonly entity_id?: string;
  readonly identity_policies?: readonly string[];
  readonly metadata?: Readonly<Record<string, string>>;
  readonly no_default_policy?: boolean;
  readonly num_uses?: number;
  readonly policies?: readonly string[];
  readonly policy_results?: AuditPolicyResults;
  readonly remaining_uses?: number;
  readonly token_policies?: readonly string[];
  /** RFC3339, whole seconds. */
  readonly token_issue_time?: string;
  /** Seconds. */
  readonly token_ttl?: number;
  /** `service`, `batch`, or `default` when the request carried no token. */
  readonly token_type?: string;
}

export interface AuditRequestInfo {
  readonly client_token?: string;
  readonly client_token_accessor?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly id?: string;
  readonly mount_accessor?: string;
  readonly mount_point?: string;
  readonly mount_type?: string;
  readonly namespace?: AuditNamespace;
  readonly operation?: string;
  readonly path?: string;
  readonly remote_address?: string;
  readonly remote_port?: number;
  /** Seconds (X-Vault-Wrap-TTL). */
  readonly wrap_ttl?: number;
}

export interface AuditSecret {
  readonly lease_id?: string;
}

export interface AuditWrapInfo {
  readonly accessor?: string;
  readonly creation_path?: string;
  /** RFC3339 with nanoseconds, UTC. */
  readonly creation_time?: string;
  readonly token?: string;
  /** Seconds. */
  readonly ttl?: number;
  readonly wrapped_accessor?: string;
}

export interface AuditResponseInfo {
  readonly auth?: AuditAuthEntry;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly mount_accessor?: string;
  readonly mount_point?: string;
  readonly mount_type?: string;
  readonly secret?: AuditSecret;
  readonly wrap_info?: AuditWrapInfo;
  readonly warnings?: readonly string[];
}

export interface AuditRequestEntry {
  /** RFC3339 with nanoseconds, UTC (Go's time.RFC3339Nano). */
  readonly time: string;
  readonly auth: AuditAuthEntry;
  readonly error?: string;
  readonly request: AuditRequestInfo;
  readonly type: 'request';
}

export interface AuditResponseEntry {
  readonly time: string;
  readonly auth: AuditAuthEntry;
  readonly error?: string;
  readonly request: AuditRequestInfo;
  readonly response: AuditResponseInfo;
  readonly type: 'response';
}

export type AuditEntry = AuditRequestEntry | AuditResponseEntry;
