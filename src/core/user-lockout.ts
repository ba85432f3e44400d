/**
 * Vault's user lockout (request_handling.go isUserLocked / failedUserLoginProcess): after
 * `threshold` failed logins of one user of one mount, further logins are refused for
 * `duration` without checking the credentials; the counter resets after `counterReset`
 * without attempts, or on a successful login. Kept in memory per node, as Vault's
 * userFailedLoginInfo map is (Vault also persists locked users; a restart here unlocks).
 */
export interface LockoutConfig {
  readonly threshold: number;
  /** Milliseconds. */
  readonly duration: number;
  readonly counterReset: number;
}

/** Vault's defaults: 5 attempts, 15 minutes locked, counter reset after 15 minutes. */
export const DEFAULT_LOCKOUT: LockoutConfig = {
  threshold: 5,
  duration: 15 * 60_000,
  counterReset: 15 * 60_000,
};

interface FailedLogins {
  count: number;
  last: number;
}

export class UserLockout {
  private readonly failures = new Map<string, FailedLogins>();

  constructor(
    private readonly config: LockoutConfig = DEFAULT_LOCKOUT,
    private readonly now: () => number = Date.now,
  ) {}

  isLocked(key: string): boolean {
    const info = this.failures.get(key);
    if (!info) return false;
    const since = this.now() - info.last;
    if (info.count >= this.config.threshold) {
      if (since < this.config.duration) return true;
      this.failures.delete(key);
      return false;
    }
    if (since >= this.config.counterReset) this.failures.delete(key);
    return false;
  }

  failed(key: string): void {
    const info = this.failures.get(key) ?? { count: 0, last: 0 };
    this.failures.set(key, { count: info.count + 1, last: this.now() });
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}
