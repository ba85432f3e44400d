import { LoginError, type LoginHandler, loginWrite } from './login-handler.js';

/**
 * `hvr login -method=jwt role=… jwt=…`: PUT auth/<mount>/login {role, jwt}. Vault's CLI has
 * no jwt handler (only oidc's browser flow); this is what `vault write auth/jwt/login` does,
 * with the token stored like any other login. `jwt=-` or `jwt=@file` read the token.
 */
export const jwtLoginHandler: LoginHandler = {
  async auth(ctx, config) {
    const jwt = (config.jwt ?? '').trim();
    if (jwt === '') throw new LoginError("'jwt' must be specified");
    return loginWrite(ctx, config, 'jwt', 'login', { role: config.role ?? '', jwt });
  },
};
