import type { FlagSpec, ParsedFlags } from '../../flags.js';
import { flagBool, flagString } from '../../flags.js';
import { durationFlag, ttlToAPI } from '../secrets/mount-flags.js';

const THRESHOLD = 'user-lockout-threshold';
const DURATION = 'user-lockout-duration';
const COUNTER_RESET = 'user-lockout-counter-reset-duration';
const DISABLE = 'user-lockout-disable';

/** Vault's `auth tune` user lockout flags (command/auth_tune.go), in its order and words. */
export const USER_LOCKOUT_FLAGS: FlagSpec[] = [
  {
    name: THRESHOLD,
    type: 'uint',
    usage:
      "The threshold for user lockout for this auth method. If unspecified, this defaults to the Vault server's globally configured user lockout threshold, or a previously configured value for the auth method.",
  },
  {
    name: DURATION,
    type: 'duration',
    usage:
      "The user lockout duration for this auth method. If unspecified, this defaults to the Vault server's globally configured user lockout duration, or a previously configured value for the auth method.",
  },
  {
    name: COUNTER_RESET,
    type: 'duration',
    usage:
      "The user lockout counter reset duration for this auth method. If unspecified, this defaults to the Vault server's globally configured user lockout counter reset duration, or a previously configured value for the auth method.",
  },
  {
    name: DISABLE,
    type: 'bool',
    usage:
      "Disable user lockout for this auth method. If unspecified, this defaults to the Vault server's globally configured user lockout disable, or a previously configured value for the auth method.",
  },
];

/**
 * api.UserLockoutConfigInput from the flags given (Vault's f.Visit): nothing when none of
 * them was, so a tune without them leaves the mount's lockout settings alone.
 */
export function userLockoutTune(flags: ParsedFlags): Record<string, unknown> {
  if (![THRESHOLD, DURATION, COUNTER_RESET, DISABLE].some((name) => flags.given.has(name))) return {};
  const config: Record<string, unknown> = {};
  if (flags.given.has(THRESHOLD)) {
    // The flag parser has already refused anything but digits (a Go uint).
    config.lockout_threshold = String(BigInt(flagString(flags, THRESHOLD) ?? '0'));
  }
  const duration = ttlToAPI(durationFlag(flags, DURATION));
  if (duration !== '') config.lockout_duration = duration;
  const reset = ttlToAPI(durationFlag(flags, COUNTER_RESET));
  if (reset !== '') config.lockout_counter_reset_duration = reset;
  if (flags.given.has(DISABLE)) config.lockout_disable = flagBool(flags, DISABLE);
  return { user_lockout_config: config };
}
