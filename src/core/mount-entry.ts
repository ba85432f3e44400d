/** One row of a mount table (secrets engines in `core/mounts`, auth methods in `core/auth`). */
export interface MountConfig {
  /** Seconds; 0 = system default. */
  readonly defaultLeaseTTL: number;
  readonly maxLeaseTTL: number;
  readonly forceNoCache: boolean;
  readonly listingVisibility?: string;
  /** Vault's tuned user_lockout_config; durations in seconds, zero or absent = not set. */
  readonly userLockout?: UserLockoutTune;
}

export interface UserLockoutTune {
  readonly threshold?: number;
  readonly duration?: number;
  readonly counterReset?: number;
  readonly disable?: boolean;
}

export interface MountEntry {
  readonly table: 'mounts' | 'auth';
  /** Path inside its table with a trailing slash: `secret/`, or `userpass/` for auth. */
  readonly path: string;
  readonly type: string;
  readonly description: string;
  readonly uuid: string;
  readonly accessor: string;
  readonly local: boolean;
  readonly sealWrap: boolean;
  readonly config: MountConfig;
  readonly options: Readonly<Record<string, string>>;
}

/** The router key of a mount: auth mounts live under `auth/`. */
export const routePrefix = (entry: MountEntry): string =>
  entry.table === 'auth' ? `auth/${entry.path}` : entry.path;

/** Where a mount's data lives in storage. */
export const storagePrefix = (entry: MountEntry): string =>
  `${entry.table === 'auth' ? 'auth' : 'logical'}/${entry.uuid}/`;

export const SYSTEM_DEFAULT_LEASE_TTL = 768 * 3600;
export const SYSTEM_MAX_LEASE_TTL = 768 * 3600;
