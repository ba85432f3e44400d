import { ClientError } from '../../../client/errors.js';
import { LoginError, type LoginHandler } from './login-handler.js';

/**
 * builtin/credential/cert/cli.go: PUT auth/<mount>/login {name}; the credential is the
 * client certificate the HTTP client presents (-client-cert / -client-key).
 */
export const certLoginHandler: LoginHandler = {
  async auth(ctx, config) {
    const mount = (config.mount ?? '').replace(/^\/+|\/+$/g, '') || 'cert';
    try {
      const secret = await (await ctx.logical()).write(
        `auth/${mount}/login`,
        { name: config.name ?? '' },
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
