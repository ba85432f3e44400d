import type { Backend, FieldSpec, PathSpec } from '../../logical/path-spec.js';
import { tokenParamFields } from '../token-params.js';
import { login } from './login.js';
import { ACCESSOR_LOCAL_PREFIX, SECRET_ID_LOCAL_PREFIX } from './role-entry.js';
import { roleFieldPaths } from './role-field-paths.js';
import {
  deleteRole,
  listRoles,
  readLocalSecretIds,
  readRole,
  readRoleId,
  roleExists,
  updateRoleId,
  writeRole,
} from './roles.js';
import {
  customSecretId,
  destroySecretId,
  destroySecretIdAccessor,
  generateSecretId,
  listSecretIdAccessors,
  lookupSecretId,
  lookupSecretIdAccessor,
} from './secret-ids.js';
import { tidySecretIds } from './tidy.js';

const role_name: FieldSpec = { type: 'string', description: 'Name of the role.' };
const secret_id: FieldSpec = { type: 'string', description: 'SecretID attached to the role.' };
const secret_id_accessor: FieldSpec = { type: 'string', description: 'Accessor of the SecretID.' };

const roleFields: Readonly<Record<string, FieldSpec>> = {
  role_name,
  bind_secret_id: { type: 'bool', default: true },
  bound_cidr_list: { type: 'comma-string-list', description: 'Use "secret_id_bound_cidrs" instead.' },
  secret_id_bound_cidrs: { type: 'comma-string-list' },
  policies: { type: 'comma-string-list', description: 'Use "token_policies" instead.' },
  secret_id_num_uses: { type: 'int' },
  secret_id_ttl: { type: 'duration' },
  period: { type: 'duration', description: 'Use "token_period" instead.' },
  role_id: { type: 'string' },
  local_secret_ids: { type: 'bool' },
  ...tokenParamFields,
};

const secretIdFields: Readonly<Record<string, FieldSpec>> = {
  role_name,
  metadata: { type: 'raw' },
  cidr_list: { type: 'comma-string-list' },
  token_bound_cidrs: { type: 'comma-string-list' },
  num_uses: { type: 'int' },
  ttl: { type: 'duration' },
};

const path = (
  pattern: string,
  synopsis: string,
  rest: Omit<PathSpec, 'pattern' | 'synopsis' | 'auth'>,
): PathSpec => ({
  pattern,
  synopsis,
  auth: 'token',
  ...rest,
});

/** Vault's builtin/credential/approle, mounted under `auth/`. */
export const approleBackend: Backend = {
  type: 'approle',
  unauthenticatedPaths: ['login'],
  localStoragePrefixes: [SECRET_ID_LOCAL_PREFIX, ACCESSOR_LOCAL_PREFIX],
  paths: [
    path('role', 'Lists all the roles registered with the backend.', { ops: { list: listRoles } }),
    path('role/', 'Lists all the roles registered with the backend.', { ops: { list: listRoles } }),
    path('role/:role_name', 'Register an role with the backend.', {
      fields: roleFields,
      ops: { read: readRole, create: writeRole, update: writeRole, delete: deleteRole },
      exists: roleExists,
    }),
    path('role/:role_name/local-secret-ids', 'Enables cluster local secret IDs', {
      fields: { role_name },
      ops: { read: readLocalSecretIds },
    }),
    path('role/:role_name/role-id', 'Returns the role ID for the role.', {
      fields: { role_name, role_id: { type: 'string' } },
      ops: { read: readRoleId, update: updateRoleId },
    }),
    ...['role/:role_name/secret-id', 'role/:role_name/secret-id/'].map((pattern) =>
      path(pattern, 'Generate a SecretID against this role.', {
        fields: secretIdFields,
        ops: { update: generateSecretId, list: listSecretIdAccessors },
      }),
    ),
    path('role/:role_name/secret-id/lookup', 'Read the properties of an issued secret_id', {
      fields: { role_name, secret_id },
      ops: { update: lookupSecretId },
    }),
    path('role/:role_name/secret-id/destroy', 'Invalidate an issued secret_id', {
      fields: { role_name, secret_id },
      ops: { update: destroySecretId, delete: destroySecretId },
    }),
    path('role/:role_name/secret-id-accessor/lookup', 'Read an issued secret_id by its accessor', {
      fields: { role_name, secret_id_accessor },
      ops: { update: lookupSecretIdAccessor },
    }),
    path('role/:role_name/secret-id-accessor/destroy', 'Invalidate an issued secret_id by its accessor', {
      fields: { role_name, secret_id_accessor },
      ops: { update: destroySecretIdAccessor, delete: destroySecretIdAccessor },
    }),
    path('role/:role_name/custom-secret-id', 'Assign a SecretID of choice against the role.', {
      fields: { ...secretIdFields, secret_id },
      ops: { update: customSecretId },
    }),
    ...roleFieldPaths(roleFields),
    path('tidy/secret-id', 'Trigger the clean-up of expired SecretID entries.', {
      ops: { update: tidySecretIds },
    }),
    {
      pattern: 'login',
      auth: 'none',
      synopsis: 'Issue a token based on the credentials supplied',
      fields: { role_id: { type: 'string' }, secret_id: { type: 'string', default: '' } },
      // Vault's approle alias lookahead names the login by its role_id.
      lockoutAlias: (f) => (f.string('role_id') ?? '').trim(),
      ops: { update: login },
    },
  ],
};
