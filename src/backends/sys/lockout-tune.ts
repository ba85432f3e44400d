import type { MountEntry, UserLockoutTune } from '../../core/mount-entry.js';
import { LOCKOUT_AUTH_TYPES } from '../../core/user-lockout.js';
import { parseDurationSeconds } from '../../gocompat/duration.js';
import { badRequest } from '../../logical/errors.js';

/**
 * A mount tune's `user_lockout_config` (Vault's APIUserLockoutConfig: lockout_threshold,
 * lockout_duration, lockout_counter_reset_duration, lockout_disable), merged over what
 * the mount has; "system" resets a duration to the server's setting.
 */
export function tuneLockout(entry: MountEntry, input: Record<string, unknown>): UserLockoutTune {
  if (!(LOCKOUT_AUTH_TYPES as readonly string[]).includes(entry.type.toLowerCase())) {
    throw badRequest(`tuning of user lockout configuration for auth type "${entry.type}" not allowed`);
  }
  const out: { -readonly [K in keyof UserLockoutTune]: UserLockoutTune[K] } = { ...entry.config.userLockout };
  const threshold = input.lockout_threshold;
  if (threshold !== undefined && threshold !== '') {
    const text = String(threshold);
    if (!/^\d+$/.test(text)) {
      throw badRequest(
        `unable to parse user lockout threshold: strconv.ParseUint: parsing "${text}": invalid syntax`,
      );
    }
    out.threshold = Number(text);
  }
  const duration = (key: string): number | undefined => {
    const raw = input[key];
    if (raw === undefined || raw === '') return undefined;
    if (raw === 'system') return 0;
    try {
      return parseDurationSeconds(raw);
    } catch (error) {
      throw badRequest((error as Error).message);
    }
  };
  const lockoutDuration = duration('lockout_duration');
  if (lockoutDuration !== undefined) out.duration = lockoutDuration;
  const counterReset = duration('lockout_counter_reset_duration');
  if (counterReset !== undefined) out.counterReset = counterReset;
  const disable = input.lockout_disable;
  if (disable !== undefined) {
    // Vault decodes the map with mapstructure into *bool; anything else does not convert.
    if (typeof disable !== 'boolean' && disable !== 'true' && disable !== 'false') {
      throw badRequest('unable to convert given user lockout config information');
    }
    out.disable = disable === true || disable === 'true';
  }
  return out;
}

/** How Vault shows a mount's lockout tune (sys/auth listing `config.user_lockout_config`, tune read). */
export const renderLockout = (tune: UserLockoutTune): Record<string, unknown> => ({
  user_lockout_counter_reset_duration: tune.counterReset ?? 0,
  user_lockout_threshold: tune.threshold ?? 0,
  user_lockout_duration: tune.duration ?? 0,
  user_lockout_disable: tune.disable ?? false,
});
