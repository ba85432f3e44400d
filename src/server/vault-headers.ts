/** What the X-Vault-* request headers say, once parsed and checked. */
export interface VaultHeaders {
  readonly token?: string;
  /** Seconds; present only when X-Vault-Wrap-TTL was sent. */
  readonly wrapTTL?: number;
  readonly wrapFormat?: 'jwt';
  /** The headers the core may look at, lower-cased (never the token headers). */
  readonly headers: Readonly<Record<string, string>>;
}
