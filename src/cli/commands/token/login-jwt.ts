import { ClientError } from '../../../client/errors.js';
import { LoginError, type LoginHandler } from './login-handler.js';

/**
 * `hvr login -method=jwt role=… jwt=…`: PUT auth/<mount>/login {role, jwt}. Vault's CLI has
 * no jwt handler (only oidc's browser flow); this is what `vault write auth/jwt/login` does,
 * with the token stored like any other login. `jwt=-` or `jwt=@file` read the token.
 */
export const jwtLoginHandler: LoginHandler = {
  async auth(ctx, config) {
    const jwt = (config.jwt ?? '').trim();
    if (jwt === '') throw new LoginError("'jwt' must be specified");
    const mount = (config.mount ?? '').replace(/^\/+|\/+$/g, '') || 'jwt';
    try {
      const secret = await (await ctx.logical()).write(
        `auth/${mount}/login`,
        { role: config.role ?? '', jwt },
        { token: '', headers: ctx.callHeaders() },
      );
      if (secret === null) throw new LoginError('empty response from credential provider');
      return secret;
    } catch (error) {
      if (error instanceof ClientError) throw new LoginError(error.message);
      throw error;
    }
  },
};
