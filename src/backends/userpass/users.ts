import { badRequest, internalError, multiError } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { BackendContext, Handler } from '../../logical/path-spec.js';
import type { Request } from '../../logical/request.js';
import { hashPassword } from './password-hash.js';
import { parsePolicies } from './policies.js';
import { applyLegacyFields, applyTokenFields, tokenData } from './token-fields.js';
import { loadUser, newUserEntry, saveUser, USER_PREFIX, type UserEntry } from './user-entry.js';

const usernameOf = (f: Fields): string => (f.string('username') ?? '').toLowerCase();

/** Vault returns these as plain Go errors: 500 with go-multierror text. */
const usernameMissing = () => internalError(multiError(['username does not exist']));

async function setPassword(f: Fields, user: UserEntry): Promise<void> {
  const password = f.string('password') ?? '';
  if (password === '') throw badRequest('missing password');
  user.passwordHash = await hashPassword(password);
}

export const listUsers: Handler = async (_req, _f, ctx) => ({
  data: { keys: await ctx.storage.list(USER_PREFIX) },
});

export const readUser: Handler = async (_req, f, ctx) => {
  const user = await loadUser(ctx.storage, usernameOf(f));
  return user === null ? null : { data: tokenData(user) };
};

/** Create or update. The core calls this for both, so "create" is decided here: no user yet. */
export const writeUser: Handler = async (_req, f, ctx) => {
  const username = usernameOf(f);
  const existing = await loadUser(ctx.storage, username);
  if (existing === null && (f.string('password') ?? '') === '') throw badRequest('missing password');
  const user = existing ?? newUserEntry();
  applyTokenFields(f, user);
  if (f.has('password')) await setPassword(f, user);
  applyLegacyFields(f, user);
  await saveUser(ctx.storage, username, user);
  return null;
};

export const deleteUser: Handler = async (_req, f, ctx) => {
  await ctx.storage.delete(`${USER_PREFIX}${usernameOf(f)}`);
  return null;
};

/** `users/<name>/password`: reset the password of an existing user. */
export const updatePassword: Handler = async (_req, f, ctx) => {
  const username = usernameOf(f);
  const user = await loadUser(ctx.storage, username);
  if (user === null) throw usernameMissing();
  await setPassword(f, user);
  await saveUser(ctx.storage, username, user);
  return null;
};

/** `users/<name>/policies`: replace the policies; legacy `policies` is kept only if given. */
export const updatePolicies: Handler = async (_req, f, ctx) => {
  const username = usernameOf(f);
  const user = await loadUser(ctx.storage, username);
  if (user === null) throw usernameMissing();
  if (!f.has('token_policies')) {
    if (f.has('policies')) {
      user.policies = parsePolicies(f.strings('policies') ?? []);
      user.tokenPolicies = user.policies;
    }
  } else {
    user.tokenPolicies = parsePolicies(f.strings('token_policies') ?? []);
    user.policies = f.has('policies') ? user.tokenPolicies : [];
  }
  await saveUser(ctx.storage, username, user);
  return null;
};

export const userExists = async (_req: Request, f: Fields, ctx: BackendContext): Promise<boolean> =>
  (await loadUser(ctx.storage, usernameOf(f))) !== null;
