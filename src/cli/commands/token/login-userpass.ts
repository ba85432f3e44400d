import { HiddenInputError, readHidden } from './hidden-input.js';
import { LoginError, type LoginHandler, loginWrite } from './login-handler.js';

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
    return loginWrite(ctx, config, 'userpass', `login/${username}`, { password });
  },
};
