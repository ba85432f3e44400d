import { ClientError } from '../../../client/errors.js';
import { logical } from '../../../client/logical.js';
import type { CommandContext } from '../../command.js';
import { isGoMap } from '../../output/go-value.js';
import { withoutCurlString } from '../misc/curl-recorder.js';

/** What the KV preflight learned: the mount the path is under and whether it is KV v2. */
export interface KvMount {
  /** The mount path as the node names it, e.g. `secret/`; '' when the node did not say. */
  readonly mountPath: string;
  readonly v2: boolean;
}

/** The preflight failed (not a 404): Vault prints the error alone and exits 2. */
export class KvPreflightError extends Error {
  override readonly name = 'KvPreflightError';
}

/**
 * Vault's `kvPreflightVersionRequest`: `GET sys/internal/ui/mounts/<path>`, never wrapped.
 * A 404 means an old node, so KV v1; `data.options.version` "2" means v2.
 */
export async function kvPreflight(ctx: CommandContext, path: string): Promise<KvMount> {
  let data: Readonly<Record<string, unknown>> | null;
  try {
    // Sent for real even under -output-curl-string / -output-policy, as Vault switches both
    // off around its kvPreflightVersionRequest; the request printed is the one that follows.
    const secret = await withoutCurlString(await ctx.client(), (client) =>
      logical(client, { wrappingLookup: () => undefined }).read(`sys/internal/ui/mounts/${path}`, undefined, {
        headers: ctx.callHeaders(),
      }),
    );
    if (secret === null) return { mountPath: '', v2: false };
    data = secret.data;
  } catch (error) {
    if (error instanceof ClientError) throw new KvPreflightError(error.message, { cause: error });
    throw error;
  }
  const mountPath = typeof data?.path === 'string' ? data.path : '';
  const options = data?.options;
  const version = isGoMap(options) ? options.version : undefined;
  return { mountPath, v2: version === '2' };
}
