/**
 * Vault's api.Secret: the parsed JSON envelope of a logical response, as the CLI formats it.
 * Field names are the wire's (snake_case); numbers that must stay exact stay as the JSON
 * parser produced them.
 */
export interface SecretAuth {
  client_token: string;
  accessor: string;
  policies: string[] | null;
  token_policies?: string[] | null;
  identity_policies?: string[] | null;
  metadata: Record<string, string> | null;
  lease_duration: number;
  renewable: boolean;
  entity_id?: string;
  token_type?: string;
  orphan?: boolean;
  num_uses?: number;
  mfa_requirement?: unknown;
}

export interface SecretWrapInfo {
  token: string;
  accessor: string;
  ttl: number;
  creation_time: string;
  creation_path: string;
  wrapped_accessor?: string;
}

export interface Secret {
  request_id: string;
  lease_id: string;
  lease_duration: number;
  renewable: boolean;
  data: Record<string, unknown> | null;
  warnings: string[] | null;
  auth: SecretAuth | null;
  wrap_info: SecretWrapInfo | null;
  mount_type?: string;
}
