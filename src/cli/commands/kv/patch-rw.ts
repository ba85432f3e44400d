import type { Secret } from '../../../client/secret.js';
import type { CommandContext } from '../../command.js';
import { isGoMap } from '../../output/go-value.js';
import { requestFailed } from '../request-error.js';
import { finishWrite, type PatchResult } from './patch-result.js';

/**
 * `kv patch -method=rw` (and the fallback of a refused PATCH): read the current version,
 * overlay the new keys locally, write it back with `cas` set to the version read.
 */
export async function readThenWrite(
  ctx: CommandContext,
  path: string,
  newData: Readonly<Record<string, unknown>>,
): Promise<PatchResult> {
  const api = await ctx.logical();
  let current: Secret | null;
  try {
    current = await api.read(path, undefined, { headers: ctx.callHeaders() });
  } catch (error) {
    return { code: requestFailed(ctx, `Error doing pre-read at ${path}`, error) };
  }
  if (current === null || current.data === null) return { code: ctx.out.notFound(path) };
  const meta = current.data.metadata;
  if (meta === undefined || meta === null) {
    return { code: ctx.out.apiError(`No metadata found at ${path}; patch only works on existing data`) };
  }
  if (!isGoMap(meta)) {
    return { code: ctx.out.apiError(`Metadata found at ${path} is not the expected type (JSON object)`) };
  }
  const data = current.data.data;
  if (data === undefined || data === null) {
    return { code: ctx.out.apiError(`No data found at ${path}; patch only works on existing data`) };
  }
  if (!isGoMap(data)) {
    return { code: ctx.out.apiError(`Data found at ${path} is not the expected type (JSON object)`) };
  }
  const body = { data: { ...data, ...newData }, options: { cas: meta.version ?? null } };
  let secret: Secret | null;
  try {
    secret = await api.write(path, body, { headers: ctx.callHeaders() });
  } catch (error) {
    return { code: requestFailed(ctx, `Error writing data to ${path}`, error) };
  }
  return finishWrite(ctx, path, secret);
}
