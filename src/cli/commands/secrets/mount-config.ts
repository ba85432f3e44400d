import { formatGoDuration } from '../../../gocompat/duration.js';
import type { ParsedFlags } from '../../flags.js';
import { flagBool, flagList, flagMap, flagString } from '../../flags.js';
import { durationFlag, ttlToAPI, VISITED_SETTINGS } from './mount-flags.js';

const SLICE_SETTINGS = new Set([
  'audit-non-hmac-request-keys',
  'audit-non-hmac-response-keys',
  'passthrough-request-headers',
  'allowed-response-headers',
]);

/** The settings flags given on the command line, as their config keys. */
function visitedSettings(flags: ParsedFlags): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(VISITED_SETTINGS)) {
    if (!flags.given.has(flag)) continue;
    out[key] = SLICE_SETTINGS.has(flag) ? flagList(flags, flag) : (flagString(flags, flag) ?? '');
  }
  return out;
}

/** `-options`, with `-version=N` (N > 0) as `version`; null when neither was given (a nil map). */
export function mountOptions(flags: ParsedFlags): Record<string, string> | null {
  const given = flags.given.has('options');
  const options: Record<string, string> = given ? { ...flagMap(flags, 'options') } : {};
  const version = Number.parseInt(flagString(flags, 'version') ?? '0', 10);
  if (version > 0) options.version = String(version);
  return given || version > 0 ? options : null;
}

/** `time.Duration.String()` of a DurationVar for `secrets enable` / `auth enable`. */
const enableTTL = (seconds: number | undefined): string =>
  seconds === undefined || seconds === 0 ? '0s' : seconds < 0 ? 'system' : formatGoDuration(seconds);

/** Vault's `ttlToAPI` for the tune commands: '' when unset, "system" when negative. */

/** The body of `sys/mounts/<path>` or `sys/auth/<path>` (api.MountInput). */
export function enableBody(flags: ParsedFlags, type: string, forceNoCache: boolean): Record<string, unknown> {
  return {
    type,
    description: flagString(flags, 'description') ?? '',
    config: {
      options: null,
      default_lease_ttl: enableTTL(durationFlag(flags, 'default-lease-ttl')),
      max_lease_ttl: enableTTL(durationFlag(flags, 'max-lease-ttl')),
      force_no_cache: forceNoCache,
      ...visitedSettings(flags),
    },
    local: flagBool(flags, 'local'),
    seal_wrap: flagBool(flags, 'seal-wrap'),
    external_entropy_access: flagBool(flags, 'external-entropy-access'),
    options: mountOptions(flags),
  };
}

/** The body of `sys/mounts/<path>/tune` (api.MountConfigInput). */
export function tuneBody(flags: ParsedFlags): Record<string, unknown> {
  return {
    options: mountOptions(flags),
    default_lease_ttl: ttlToAPI(durationFlag(flags, 'default-lease-ttl')),
    ...(flags.given.has('description') ? { description: flagString(flags, 'description') ?? '' } : {}),
    max_lease_ttl: ttlToAPI(durationFlag(flags, 'max-lease-ttl')),
    force_no_cache: false,
    ...visitedSettings(flags),
  };
}
