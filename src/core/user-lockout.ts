import type { MountEntry } from './mount-entry.js';
import { decodeJSON, encodeJSON, type StorageView } from './storage-view.js';

/**
 * Vault's user lockout (request_handling.go isUserLocked / failedUserLoginProcess): after
 * `threshold` failed logins of one alias of one mount, further logins are refused for
 * `duration` without checking the credentials; the counter resets after `counterReset`
 * without attempts, or on a successful login. The counters live in memory, as Vault's
 * userFailedLoginInfo map does; a locked user is also written to local storage under
 * `core/login/lockedUsers/<mount accessor>/<alias>` (the time of the last failure, Unix
 * seconds), so a restart keeps the lock and sys/locked-users can list it.
 */
export interface LockoutSettings {
  readonly threshold: number;
  /** Milliseconds. */
  readonly duration: number;
  /** Milliseconds. */
  readonly counterReset: number;
  readonly disabled: boolean;
}

/** Vault's defaults (configutil UserLockout*Default): 5 attempts, 15 minutes, 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutSettings = {
  threshold: 5,
  duration: 15 * 60_000,
  counterReset: 15 * 60_000,
  disabled: false,
};

/** The auth types Vault's lockout covers (GetSupportedUserLockoutsAuthMethods). */
export const LOCKOUT_AUTH_TYPES = ['userpass', 'approle', 'ldap'] as const;

/** The server config's `user_lockout "<type>"` stanzas, by type ("all" or an auth type). */
export type LockoutStanzas = Readonly<Record<string, Partial<LockoutSettings>>>;

/** One alias of one mount, with the settings that apply to it. */
export interface LockoutSubject {
  readonly accessor: string;
  readonly alias: string;
  readonly settings: LockoutSettings;
}

interface FailedLogins {
  count: number;
  last: number;
}

export class UserLockout {
  private readonly failures = new Map<string, FailedLogins>();
  private stanzas: LockoutStanzas = {};

  constructor(
    /** core/login/lockedUsers/ in the barrier. */
    private readonly storage: StorageView,
    private readonly now: () => number = Date.now,
  ) {}

  configure(stanzas: LockoutStanzas): void {
    this.stanzas = stanzas;
  }

  /**
   * Vault's getUserLockoutConfiguration: the defaults, then the config file's "all"
   * stanza, then the stanza of the mount's type, then the mount's tuned
   * user_lockout_config (its zero values mean "not set").
   */
  settingsFor(mount: MountEntry): LockoutSettings {
    const tuned = mount.config.userLockout ?? {};
    const fromTune: Partial<LockoutSettings> = {
      ...(tuned.threshold ? { threshold: tuned.threshold } : {}),
      ...(tuned.duration ? { duration: tuned.duration * 1000 } : {}),
      ...(tuned.counterReset ? { counterReset: tuned.counterReset * 1000 } : {}),
      ...(tuned.disable !== undefined ? { disabled: tuned.disable } : {}),
    };
    return { ...DEFAULT_LOCKOUT, ...this.stanzas.all, ...this.stanzas[mount.type], ...fromTune };
  }

  /** The subject of a login, or undefined when lockout does not apply to the mount. */
  subject(mount: MountEntry, alias: string): LockoutSubject | undefined {
    if (!(LOCKOUT_AUTH_TYPES as readonly string[]).includes(mount.type) || alias === '') return undefined;
    const settings = this.settingsFor(mount);
    return settings.disabled ? undefined : { accessor: mount.accessor, alias, settings };
  }

  async isLocked(s: LockoutSubject): Promise<boolean> {
    const key = storageKey(s);
    const info = this.failures.get(key);
    const now = this.now();
    if (info) {
      const since = now - info.last;
      if (info.count >= s.settings.threshold) {
        if (since < s.settings.duration) return true;
        await this.forget(key);
        return false;
      }
      if (since >= s.settings.counterReset) this.failures.delete(key);
      return false;
    }
    // Not in memory (a restart): the stored lock decides.
    const stored = await this.storage.get(key);
    if (stored === null) return false;
    const last = decodeJSON<number>(stored) * 1000;
    if (now - last < s.settings.duration) {
      this.failures.set(key, { count: s.settings.threshold, last });
      return true;
    }
    await this.storage.delete(key);
    return false;
  }

  async failed(s: LockoutSubject): Promise<void> {
    const key = storageKey(s);
    const info = this.failures.get(key) ?? { count: 0, last: 0 };
    const now = this.now();
    this.failures.set(key, { count: info.count + 1, last: now });
    if (info.count + 1 >= s.settings.threshold) {
      await this.storage.put(key, encodeJSON(Math.floor(now / 1000)));
    }
  }

  async succeeded(s: LockoutSubject): Promise<void> {
    const key = storageKey(s);
    if (this.failures.delete(key)) await this.storage.delete(key);
  }

  /** sys/locked-users/:mount_accessor/unlock/:alias_identifier (Vault's unlockUser). */
  async unlock(accessor: string, alias: string): Promise<void> {
    await this.forget(`${accessor}/${alias}`);
  }

  /**
   * Vault's handleLockedUsersQuery for the root namespace: locked aliases by mount
   * accessor, accessors in decreasing order of counts.
   */
  async lockedUsers(accessor?: string): Promise<Record<string, unknown>> {
    const accessors = accessor ? [`${accessor}/`] : await this.storage.list('');
    const byAccessor: Array<{ mount_accessor: string; counts: number; alias_identifiers: string[] }> = [];
    for (const folder of accessors) {
      const aliases = await this.storage.list(folder.endsWith('/') ? folder : `${folder}/`);
      if (aliases.length === 0 && !accessor) continue;
      byAccessor.push({
        mount_accessor: folder.replace(/\/$/, ''),
        counts: aliases.length,
        alias_identifiers: aliases,
      });
    }
    byAccessor.sort((a, b) => b.counts - a.counts);
    const total = byAccessor.reduce((n, a) => n + a.counts, 0);
    return {
      by_namespace: [
        { namespace_id: 'root', namespace_path: '', counts: total, mount_accessors: byAccessor },
      ],
      total,
    };
  }

  /**
   * On unseal (Vault's runLockedUserEntryUpdates): stored locks whose duration has passed,
   * or whose mount is gone, are deleted.
   */
  async removeStale(mountOf: (accessor: string) => MountEntry | undefined): Promise<void> {
    this.failures.clear();
    const now = this.now();
    for (const folder of await this.storage.list('')) {
      const mount = mountOf(folder.replace(/\/$/, ''));
      for (const alias of await this.storage.list(folder)) {
        const key = `${folder}${alias}`;
        const stored = await this.storage.get(key);
        const last = stored === null ? 0 : decodeJSON<number>(stored) * 1000;
        if (!mount || now - last >= this.settingsFor(mount).duration) await this.storage.delete(key);
      }
    }
  }

  private async forget(key: string): Promise<void> {
    this.failures.delete(key);
    await this.storage.delete(key);
  }
}

const storageKey = (s: LockoutSubject): string => `${s.accessor}/${s.alias}`;
