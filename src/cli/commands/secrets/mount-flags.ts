import { formatGoDuration, parseDurationSeconds } from '../../../gocompat/duration.js';
import type { FlagSpec, ParsedFlags } from '../../flags.js';
import { flagString } from '../../flags.js';

/** What the mount flags describe: "secrets engine" or "auth method". */
export type MountNoun = 'secrets engine' | 'auth method';

/** A flag value Vault's flag package would refuse; the command prints it and exits 1. */
export class FlagValueError extends Error {
  override readonly name = 'FlagValueError';
}

/**
 * Vault's DurationVar: a bare number is seconds, "system" is -1, else a Go duration. Undefined
 * when the flag was not given.
 */
export function durationFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flagString(flags, name);
  if (raw === undefined) return undefined;
  const text = raw === 'system' ? '-1' : raw.trim();
  try {
    return parseDurationSeconds(/\d$/.test(text) ? `${text}s` : text);
  } catch (error) {
    throw new FlagValueError(`invalid value "${raw}" for flag -${name}: ${(error as Error).message}`);
  }
}

/** Vault's ttlToAPI: unset or 0 sends nothing, a negative duration ("system") sends `system`. */
export const ttlToAPI = (seconds: number | undefined): string =>
  seconds === undefined || seconds === 0 ? '' : seconds < 0 ? 'system' : formatGoDuration(seconds);

export const ttlFlags = (noun: MountNoun): FlagSpec[] => [
  {
    name: 'default-lease-ttl',
    type: 'duration',
    usage: `The default lease TTL for this ${noun}. If unspecified, this defaults to the Vault server's globally configured default lease TTL.`,
  },
  {
    name: 'max-lease-ttl',
    type: 'duration',
    usage: `The maximum lease TTL for this ${noun}. If unspecified, this defaults to the Vault server's globally configured maximum lease TTL.`,
  },
];

/** Settings sent only when given (Vault's `f.Visit`): name on the command line → config key. */
export const VISITED_SETTINGS: Readonly<Record<string, string>> = {
  'audit-non-hmac-request-keys': 'audit_non_hmac_request_keys',
  'audit-non-hmac-response-keys': 'audit_non_hmac_response_keys',
  'listing-visibility': 'listing_visibility',
  'passthrough-request-headers': 'passthrough_request_headers',
  'allowed-response-headers': 'allowed_response_headers',
  'token-type': 'token_type',
  'plugin-version': 'plugin_version',
};

export const settingFlags = (noun: MountNoun): FlagSpec[] => [
  {
    name: 'audit-non-hmac-request-keys',
    type: 'string-slice',
    usage:
      "Key that will not be HMAC'd by audit devices in the request data object. To specify multiple values, specify this flag multiple times.",
  },
  {
    name: 'audit-non-hmac-response-keys',
    type: 'string-slice',
    usage:
      "Key that will not be HMAC'd by audit devices in the response data object. To specify multiple values, specify this flag multiple times.",
  },
  {
    name: 'listing-visibility',
    type: 'string',
    usage: 'Determines the visibility of the mount in the UI-specific listing endpoint.',
  },
  {
    name: 'passthrough-request-headers',
    type: 'string-slice',
    usage:
      'Request header value that will be sent to the plugin. To specify multiple values, specify this flag multiple times.',
  },
  {
    name: 'allowed-response-headers',
    type: 'string-slice',
    usage:
      'Response header value that plugins will be allowed to set. To specify multiple values, specify this flag multiple times.',
  },
  {
    name: 'options',
    type: 'map',
    usage:
      'Key-value pair provided as key=value for the mount options. This can be specified multiple times.',
  },
  {
    name: 'version',
    type: 'int',
    usage: `Select the version of the ${noun === 'auth method' ? 'auth method' : 'engine'} to run. Not supported by all ${noun === 'auth method' ? 'auth methods' : 'engines'}.`,
  },
  {
    name: 'plugin-version',
    type: 'string',
    usage: 'Select the semantic version of the plugin to run.',
  },
];

export const TOKEN_TYPE_FLAG: FlagSpec = {
  name: 'token-type',
  type: 'string',
  usage: 'Sets a forced token type for the mount.',
};

/** Runs a command body, turning a bad flag value into Vault's parse error (exit 1). */
export async function withFlagValues(
  out: { usageError(message: string): 1 },
  body: () => Promise<0 | 1 | 2>,
): Promise<0 | 1 | 2> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof FlagValueError) return out.usageError(error.message);
    throw error;
  }
}

/** Checks the duration flags up front, as Go's flag parsing would, before any argument checks. */
export function checkDurations(flags: ParsedFlags, names: readonly string[]): void {
  for (const name of names) durationFlag(flags, name);
}
