import type { TokenEntry } from './token-entry.js';

/**
 * The one currency that crosses client → server → core → backends (DESIGN.md).
 * Nothing here knows about HTTP.
 */
export type Operation = 'create' | 'read' | 'update' | 'patch' | 'delete' | 'list' | 'help';

export interface Request {
  readonly id: string;
  readonly operation: Operation;
  /** Logical path without the `/v1/` prefix and without a leading slash; lists end in `/`. */
  readonly path: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly token?: string;
  /** Wrap the response for this many seconds (X-Vault-Wrap-TTL). */
  readonly wrapTTL?: number;
  /** 'jwt' asks for a JWT-format wrapping token (X-Vault-Wrap-Format: jwt). */
  readonly wrapFormat?: 'jwt';
  /** Lower-cased header names; the few the core may look at (never the token headers). */
  readonly headers: Readonly<Record<string, string>>;
  readonly remoteAddress?: string;
  /** Present when the request came over TLS: the client certificate chain (DER, leaf first). */
  readonly peerCertificates?: () => readonly Uint8Array[];
  /** Set by the core once it has authenticated the request (Vault's Request.tokenEntry). */
  readonly caller?: Caller;
}

/** Who the core found behind a request: the token's entry and the ACL it was checked with. */
export interface Caller {
  readonly entry: TokenEntry | null;
  readonly acl: CallerACL | null;
}

/** What a backend may ask of the caller's ACL (the core's ACL implements it). */
export interface CallerACL {
  capabilities(path: string): string[];
  hasMountAccess(mountPath: string): boolean;
}

export interface WrapInfo {
  token: string;
  accessor: string;
  /** Seconds. */
  ttl: number;
  /** RFC3339 with nanoseconds, as Vault prints it. */
  creationTime: string;
  creationPath: string;
  wrappedAccessor?: string;
}

export interface AuthInfo {
  clientToken: string;
  accessor: string;
  policies: string[];
  tokenPolicies: string[];
  identityPolicies?: string[];
  metadata: Record<string, string> | null;
  /** Seconds; 0 for tokens that never expire. */
  leaseDuration: number;
  renewable: boolean;
  entityId: string;
  tokenType: 'service' | 'batch';
  orphan: boolean;
  numUses: number;
}

export interface LeaseInfo {
  leaseId: string;
  /** Seconds. */
  ttl: number;
  renewable: boolean;
}

/** An auth backend's answer to a login: the core turns it into a token. */
export interface LoginAuth {
  policies: string[];
  displayName: string;
  metadata?: Record<string, string>;
  /** Seconds; 0 means the mount's default. */
  ttl?: number;
  maxTTL?: number;
  renewable?: boolean;
  numUses?: number;
  tokenType?: 'service' | 'batch';
  /** tokenutil.TokenParams the core enforces for every auth method (seconds, CIDR strings). */
  explicitMaxTTL?: number;
  period?: number;
  noDefaultPolicy?: boolean;
  /** The login is refused from outside these, and the token is bound to them. */
  boundCIDRs?: string[];
  /** Internal data the backend wants back on renew (e.g. the user name). */
  internalData?: Record<string, unknown>;
}

/** A response written verbatim (sys/health status codes, sys/wrapping/unwrap bytes). */
export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface Response {
  data?: Record<string, unknown>;
  warnings?: string[];
  wrapInfo?: WrapInfo;
  auth?: AuthInfo;
  /** Set by an auth backend on login; the core replaces it with `auth`. */
  login?: LoginAuth;
  lease?: LeaseInfo;
  raw?: RawResponse;
  /** The type of the mount that answered (`kv`, `system`, `token`, ...). */
  mountType?: string;
  /** The request id the response belongs to (kept across wrapping). */
  requestId?: string;
}
