import { type CommandContext, checkArgs, type ExitCode, sanitizePath } from '../../command.js';
import { flagString } from '../../flags.js';
import { addPrefixToKvPath, goPathJoin } from './go-path.js';
import { KvPreflightError, kvPreflight } from './preflight.js';

/** Where a `vault kv` command's argument points, after the preflight. */
export interface KvTarget {
  /** `-mount=secret foo` rather than `secret/foo`. */
  readonly mountFlag: boolean;
  readonly mountPath: string;
  /** The argument, with the mount in front when `-mount` was used on a v2 mount. */
  readonly partialPath: string;
  readonly v2: boolean;
}

export interface ResolveOptions {
  /** `kv get` only strips leading slashes where the others sanitize the path. */
  readonly trimLeadingOnly?: boolean;
  /** `kv undelete` keeps `-mount` as given for the mount path instead of the node's answer. */
  readonly mountFromFlag?: boolean;
}

/**
 * The `-mount` / path-like handling every `vault kv` command repeats: run the preflight on the
 * `-mount` value or on the whole path; print its error and answer 2 when it fails.
 */
export async function resolveKvTarget(
  ctx: CommandContext,
  arg: string,
  opts: ResolveOptions = {},
): Promise<KvTarget | ExitCode> {
  const mount = flagString(ctx.flags, 'mount') ?? '';
  const mountFlag = mount !== '';
  let partialPath = opts.trimLeadingOnly === true ? arg.replace(/^\/+/, '') : sanitizePath(arg);
  try {
    if (!mountFlag) {
      const found = await kvPreflight(ctx, partialPath);
      return { mountFlag, mountPath: found.mountPath, partialPath, v2: found.v2 };
    }
    const found = await kvPreflight(ctx, sanitizePath(mount));
    if (opts.mountFromFlag === true) {
      return { mountFlag, mountPath: sanitizePath(mount), partialPath, v2: found.v2 };
    }
    if (found.v2) partialPath = goPathJoin(found.mountPath, partialPath);
    return { mountFlag, mountPath: found.mountPath, partialPath, v2: found.v2 };
  } catch (error) {
    if (error instanceof KvPreflightError) return ctx.out.apiError(error.message);
    throw error;
  }
}

/** The API path of a KV v2 endpoint (`data`, `metadata`, `delete`, …) for the target. */
export const v2Path = (t: KvTarget, apiPrefix: string): string =>
  addPrefixToKvPath(t.partialPath, t.mountPath, apiPrefix);

/** The API path on KV v1: under `-mount` the mount joined with the path, else the path. */
export const v1Path = (t: KvTarget): string =>
  t.mountFlag ? goPathJoin(t.mountPath, t.partialPath) : t.partialPath;

/** v2 with the prefix, v1 as is: what `kv get`, `kv put`, `kv list`, `kv delete` address. */
export const kvPath = (t: KvTarget, apiPrefix: string): string => (t.v2 ? v2Path(t, apiPrefix) : v1Path(t));

/**
 * The one KEY argument of a `vault kv metadata` command as its `metadata/` API path; an
 * argument count, preflight or KV v1 failure is printed and its exit code returned.
 */
export async function kvMetadataPath(ctx: CommandContext): Promise<string | ExitCode> {
  const bad = checkArgs(ctx, 1, 1);
  if (bad !== undefined) return bad;
  const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
  if (typeof target === 'number') return target;
  if (!target.v2) return ctx.out.usageError('Metadata not supported on KV Version 1');
  return v2Path(target, 'metadata');
}
