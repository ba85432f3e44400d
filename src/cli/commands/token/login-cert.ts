import { type LoginHandler, loginWrite } from './login-handler.js';

/**
 * builtin/credential/cert/cli.go: PUT auth/<mount>/login {name}; the credential is the
 * client certificate the HTTP client presents (-client-cert / -client-key).
 */
export const certLoginHandler: LoginHandler = {
  async auth(ctx, config) {
    return loginWrite(ctx, config, 'cert', 'login', { name: config.name ?? '' });
  },
};
