import type { Fields } from './fields.js';
import type { Operation, Request, Response } from './request.js';
import type { StorageView } from './storage-view.js';

/**
 * Backends declare their paths; the core enforces auth and routes. In the spirit of
 * Vault's framework.Path: one table per backend, readable on one screen.
 */
export type AuthNeed = 'none' | 'token' | 'sudo' | 'dr-operation-token';

export type FieldType =
  | 'string'
  | 'int'
  | 'bool'
  | 'duration'
  | 'map'
  | 'string-list'
  | 'comma-string-list'
  | 'raw';

export interface FieldSpec {
  readonly type: FieldType;
  readonly default?: unknown;
  readonly description?: string;
}

export interface MountInfo {
  /** Mount path with its trailing slash, e.g. `secret/`. */
  readonly path: string;
  readonly type: string;
  readonly uuid: string;
  readonly accessor: string;
  readonly local: boolean;
  readonly options: Readonly<Record<string, string>>;
  /** Seconds; 0 = system default. */
  readonly defaultLeaseTTL: number;
  readonly maxLeaseTTL: number;
}

/** What the core offers every backend beyond its storage. */
export interface SystemView {
  /** Effective default and max lease TTLs of the mount, in seconds. */
  defaultLeaseTTL(): number;
  maxLeaseTTL(): number;
}

export interface BackendContext {
  readonly storage: StorageView;
  readonly mount: MountInfo;
  readonly system: SystemView;
}

export type Handler = (req: Request, fields: Fields, ctx: BackendContext) => Promise<Response | null>;

export interface PathSpec {
  /**
   * Relative to the mount. Literal segments, `:name` for one segment, `*name` for the
   * rest of the path (one or more segments). A trailing `/` is part of the pattern.
   */
  readonly pattern: string;
  readonly auth?: AuthNeed;
  /** Reachable while the node is sealed or uninitialised (sys/health, sys/unseal). */
  readonly sealed?: 'allowed';
  /** Served on a DR secondary (everything else answers `path disabled in replication DR secondary mode`). */
  readonly drSecondary?: 'allowed';
  /** The request must be response-wrapped (sys/wrapping/wrap). */
  readonly requiresWrapping?: boolean;
  /**
   * Login paths covered by Vault's user lockout (userpass, ldap, approle): the alias name
   * failed logins are counted under. A handler signals a failure with invalidCredentials().
   */
  readonly lockoutAlias?: (fields: Fields) => string;
  readonly synopsis: string;
  /** Longer help text (`?help=1`, `path-help`); the synopsis when absent. */
  readonly description?: string;
  readonly fields?: Readonly<Record<string, FieldSpec>>;
  /** Missing operation → 405; no matching pattern → 404. */
  readonly ops: Partial<Record<Operation, Handler>>;
  /** Decides create vs update for ACL purposes; without it a write is an update. */
  readonly exists?: (req: Request, fields: Fields, ctx: BackendContext) => Promise<boolean>;
  /** The fields may carry any keys (KV data); unknown keys are not rejected. */
  readonly openFields?: boolean;
}

export interface Backend {
  readonly type: string;
  readonly paths: readonly PathSpec[];
  /** Relative path prefixes that need sudo (Vault's PathsSpecial.Root). `*` suffix = prefix. */
  readonly sudoPaths?: readonly string[];
  /** Relative path prefixes reachable without a token (PathsSpecial.Unauthenticated). */
  readonly unauthenticatedPaths?: readonly string[];
  /** Storage prefixes (within the mount) that never leave this cluster (LocalStorage). */
  readonly localStoragePrefixes?: readonly string[];
  /** Called once when the mount is created or loaded. */
  initialize?(ctx: BackendContext): Promise<void>;
  /** Called when the mount is removed, before its storage is cleared. */
  cleanup?(ctx: BackendContext): Promise<void>;
}
