import { parseAddress, wireTarget } from '../../../client/request-url.js';
import { isSuccess, responseError } from '../../../client/response-check.js';
import type { CommandContext } from '../../command.js';

/**
 * A POST as Vault's `client.Sys()` sends it (Mount, EnableAuth, TuneMount), so a failure's
 * `URL:` line reads `POST …` as Vault's does; any answer outside 200–399 throws ResponseError.
 */
export async function sysPost(
  ctx: CommandContext,
  path: string,
  body: Readonly<Record<string, unknown>>,
): Promise<void> {
  const client = await ctx.client();
  const res = await client.send({ method: 'POST', path, body, headers: ctx.callHeaders() });
  if (!isSuccess(res.status))
    throw responseError(res, 'POST', wireTarget(parseAddress(client.address), path).url);
}
