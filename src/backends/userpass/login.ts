import { badRequest, internalError, invalidCredentials } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import type { LoginAuth } from '../../logical/request.js';
import { verifyPassword } from './password-hash.js';
import { loadUser } from './user-entry.js';

/**
 * `login/<username>`: checks the password and hands the core a LoginAuth. The display name
 * is the bare username; the core prefixes the mount (`userpass-alice`), as Vault's does.
 */
export const login: Handler = async (_req, f, ctx) => {
  const username = (f.string('username') ?? '').toLowerCase();
  const password = f.string('password') ?? '';
  // A plain error in Vault (500, and login errors are not multierror-wrapped).
  if (password === '') throw internalError('missing password');
  const user = await loadUser(ctx.storage, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  // Only a known user's wrong password is ErrInvalidCredentials (and counts toward lockout).
  if (user === null) throw badRequest('invalid username or password');
  if (!ok) throw invalidCredentials('invalid username or password');
  const auth: LoginAuth = {
    policies: user.tokenPolicies,
    displayName: username,
    metadata: { username },
    ttl: user.tokenTTL,
    maxTTL: user.tokenMaxTTL,
    explicitMaxTTL: user.tokenExplicitMaxTTL,
    period: user.tokenPeriod,
    noDefaultPolicy: user.tokenNoDefaultPolicy,
    boundCIDRs: user.tokenBoundCIDRs,
    renewable: true,
    numUses: user.tokenNumUses,
    internalData: { username },
  };
  if (user.tokenType !== 'default') auth.tokenType = user.tokenType;
  return { login: auth };
};
