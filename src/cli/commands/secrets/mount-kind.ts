import {
  type CommandContext,
  checkArgs,
  type ExitCode,
  ensureTrailingSlash,
  sanitizePath,
} from '../../command.js';
import { flagString, type ParsedFlags } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { tuneBody } from './mount-config.js';
import { checkDurations, withFlagValues } from './mount-flags.js';
import { sysPost } from './sys-post.js';

/**
 * What tells `vault auth …` from `vault secrets …` in the commands they share (disable,
 * tune, enable): the API prefix and the noun the messages use.
 */
export interface MountKind {
  /** `sys/auth` or `sys/mounts`. */
  readonly api: string;
  /** `auth method` or `secrets engine`. */
  readonly noun: string;
}

export const AUTH_METHOD: MountKind = { api: 'sys/auth', noun: 'auth method' };
export const SECRETS_ENGINE: MountKind = { api: 'sys/mounts', noun: 'secrets engine' };

/** `vault auth disable` / `vault secrets disable PATH`. */
export async function disableMount(ctx: CommandContext, kind: MountKind): Promise<ExitCode> {
  const bad = checkArgs(ctx, 1, 1);
  if (bad !== undefined) return bad;
  const path = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
  try {
    await (await ctx.logical()).delete(`${kind.api}/${path}`, undefined, { headers: ctx.callHeaders() });
  } catch (error) {
    return requestFailed(ctx, `Error disabling ${kind.noun} at ${path}`, error);
  }
  ctx.out.info(`Success! Disabled the ${kind.noun} (if it existed) at: ${path}`);
  return 0;
}

/**
 * `vault auth tune` / `vault secrets tune PATH`. Vault's CLI posts an auth method's tuning to
 * sys/mounts/auth/<path>/tune; sys/auth/<path>/tune is the same endpoint in Vault and the one
 * the hvr node routes.
 */
export const tuneMount = (
  ctx: CommandContext,
  kind: MountKind,
  extraSettings: (flags: ParsedFlags) => Record<string, unknown> = () => ({}),
): Promise<ExitCode> =>
  withFlagValues(ctx.out, async () => {
    checkDurations(ctx.flags, ['default-lease-ttl', 'max-lease-ttl']);
    const extra = extraSettings(ctx.flags);
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const mountPath = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
    try {
      await sysPost(ctx, `${kind.api}/${mountPath}tune`, { ...tuneBody(ctx.flags), ...extra });
    } catch (error) {
      return requestFailed(ctx, `Error tuning ${kind.noun} ${mountPath}`, error);
    }
    ctx.out.info(`Success! Tuned the ${kind.noun} at: ${mountPath}`);
    return 0;
  });

/** The TYPE argument and -path of `auth enable` / `secrets enable`, as Vault resolves them. */
export interface EnableTarget {
  /** The type to mount: TYPE, or -plugin-name when TYPE is `plugin`. */
  readonly type: string;
  /** -path, else the type, with a trailing slash. */
  readonly path: string;
  /** What the success message names: `<plugin> plugin` or `<type> <noun>`, with -plugin-version. */
  readonly shownAs: string;
}

export function enableTarget(ctx: CommandContext, kind: MountKind): EnableTarget {
  const pluginName = flagString(ctx.flags, 'plugin-name') ?? '';
  let type = (ctx.args[0] ?? '').trim();
  if (type === 'plugin') type = pluginName;
  let path = flagString(ctx.flags, 'path') ?? '';
  if (path === '') path = type === 'plugin' ? pluginName : type;
  let shownAs = type === 'plugin' ? `${pluginName} plugin` : `${type} ${kind.noun}`;
  const pluginVersion = flagString(ctx.flags, 'plugin-version') ?? '';
  if (pluginVersion !== '') shownAs += ` version ${pluginVersion}`;
  return { type, path: ensureTrailingSlash(path), shownAs };
}
