import { ClientError } from '../../../client/errors.js';
import { HiddenInputError, readHidden } from './hidden-input.js';
import { LoginError, type LoginHandler } from './login-handler.js';

/** builtin/credential/userpass/cli.go: PUT auth/<mount>/login/<username> {password}. */
export const userpassLoginHandler: LoginHandler = {
  async auth(ctx, config, nonInteractive) {
    const username = config.username ?? '';
    if (username === '') throw new LoginError("'username' must be specified");
    let password = config.password ?? '';
    if (password === '') {
      if (nonInteractive)
        throw new LoginError("'password' must be specified and refusing to pull from stdin");
      try {
        password = await readHidden('Password (will be hidden): ', ctx.streams);
      } catch (error) {
        if (!(error instanceof HiddenInputError)) throw error;
        if (error.reason === 'interrupted') throw new LoginError('user interrupted');
        throw new LoginError(
          "'password' must be specified: stdin is not a terminal to prompt on (pass password=... or password=- to read it from stdin)",
        );
      }
    }
    const mount = (config.mount ?? '').replace(/^\/+|\/+$/g, '') || 'userpass';
    try {
      // Other auth methods never send the stored token.
      const secret = await (await ctx.logical()).write(
        `auth/${mount}/login/${username}`,
        { password },
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
