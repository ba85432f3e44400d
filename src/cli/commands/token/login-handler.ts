import { ClientError } from '../../../client/errors.js';
import type { Secret } from '../../../client/secret.js';
import type { CommandContext } from '../../command.js';

/** An auth method's CLI side (Vault's LoginHandler): turns K=V config into a login answer. */
export interface LoginHandler {
  auth(
    ctx: CommandContext,
    config: Readonly<Record<string, string>>,
    nonInteractive: boolean,
  ): Promise<Secret | null>;
}

/** A handler's failure; login prints `Error authenticating: <message>` and exits 2. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
}

/** An api.Secret with only what a login handler fills in. */
export const emptySecret = (): Secret => ({
  request_id: '',
  lease_id: '',
  lease_duration: 0,
  renewable: false,
  data: null,
  warnings: null,
  auth: null,
  wrap_info: null,
});

/**
 * The login call every credential handler ends with: PUT auth/<mount>/<path> without the
 * stored token (`mount` is the `mount=` config, slashes trimmed, else the method's default);
 * an empty answer or a client error becomes a LoginError.
 */
export async function loginWrite(
  ctx: CommandContext,
  config: Readonly<Record<string, string>>,
  defaultMount: string,
  path: string,
  data: Record<string, unknown>,
): Promise<Secret> {
  const mount = (config.mount ?? '').replace(/^\/+|\/+$/g, '') || defaultMount;
  try {
    const secret = await (await ctx.logical()).write(`auth/${mount}/${path}`, data, {
      token: '',
      headers: ctx.callHeaders(),
    });
    if (secret === null) throw new LoginError('empty response from credential provider');
    return secret;
  } catch (error) {
    if (error instanceof ClientError) throw new LoginError(error.message);
    throw error;
  }
}
