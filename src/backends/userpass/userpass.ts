import type { Backend } from '../../logical/path-spec.js';
import { login } from './login.js';
import { tokenFieldSpecs } from './token-fields.js';
import {
  deleteUser,
  listUsers,
  readUser,
  updatePassword,
  updatePolicies,
  userExists,
  writeUser,
} from './users.js';

const username = { type: 'string', description: 'Username for this user.' } as const;
const password = { type: 'string', description: 'Password for this user.' } as const;

/** Username/password auth (Vault's builtin/credential/userpass), mounted under `auth/`. */
export const userpassBackend: Backend = {
  type: 'userpass',
  unauthenticatedPaths: ['login', 'login/*'],
  paths: [
    {
      pattern: 'users/:username',
      auth: 'token',
      synopsis: 'Manage users allowed to authenticate.',
      fields: { username, password, ...tokenFieldSpecs },
      ops: { read: readUser, create: writeUser, update: writeUser, delete: deleteUser },
      exists: userExists,
    },
    {
      pattern: 'users/',
      auth: 'token',
      synopsis: 'Manage users allowed to authenticate.',
      ops: { list: listUsers },
    },
    {
      pattern: 'users',
      auth: 'token',
      synopsis: 'Manage users allowed to authenticate.',
      ops: { list: listUsers },
    },
    {
      pattern: 'users/:username/policies',
      auth: 'token',
      synopsis: 'Update the policies associated with the username.',
      fields: {
        username,
        policies: { type: 'comma-string-list', description: 'Use "token_policies" instead.' },
        token_policies: { type: 'comma-string-list', description: 'Comma-separated list of policies' },
      },
      ops: { update: updatePolicies },
    },
    {
      pattern: 'users/:username/password',
      auth: 'token',
      synopsis: "Reset user's password.",
      fields: { username, password },
      ops: { update: updatePassword },
    },
    {
      pattern: 'login/:username',
      auth: 'none',
      lockoutAlias: (f) => (f.string('username') ?? '').toLowerCase(),
      synopsis: 'Log in with a username and password.',
      fields: { username, password },
      ops: { update: login },
    },
  ],
};
