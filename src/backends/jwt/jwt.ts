import type { Backend, FieldSpec } from '../../logical/path-spec.js';
import { tokenParamFields } from '../token-params.js';
import { readConfig, writeConfig } from './config.js';
import { login } from './login.js';
import { deleteRole, listRoles, readRole, roleExists, writeRole } from './roles.js';

const name: FieldSpec = { type: 'string', description: 'Name of the role.' };

const roleFields: Readonly<Record<string, FieldSpec>> = {
  name,
  role_type: { type: 'string' },
  policies: { type: 'comma-string-list', description: 'Use "token_policies" instead.' },
  num_uses: { type: 'int', description: 'Use "token_num_uses" instead.' },
  ttl: { type: 'duration', description: 'Use "token_ttl" instead.' },
  max_ttl: { type: 'duration', description: 'Use "token_max_ttl" instead.' },
  period: { type: 'duration', description: 'Use "token_period" instead.' },
  bound_cidrs: { type: 'comma-string-list', description: 'Use "token_bound_cidrs" instead.' },
  expiration_leeway: { type: 'duration' },
  not_before_leeway: { type: 'duration' },
  clock_skew_leeway: { type: 'duration' },
  bound_subject: { type: 'string' },
  bound_audiences: { type: 'comma-string-list' },
  bound_claims_type: { type: 'string', default: 'string' },
  bound_claims: { type: 'map' },
  claim_mappings: { type: 'map' },
  user_claim: { type: 'string' },
  groups_claim: { type: 'string' },
  allowed_redirect_uris: { type: 'comma-string-list' },
  ...tokenParamFields,
};

const configFields: Readonly<Record<string, FieldSpec>> = {
  oidc_discovery_url: { type: 'string' },
  oidc_discovery_ca_pem: { type: 'string' },
  jwks_url: { type: 'string' },
  jwks_ca_pem: { type: 'string' },
  jwt_validation_pubkeys: { type: 'comma-string-list' },
  jwt_supported_algs: { type: 'comma-string-list' },
  bound_issuer: { type: 'string' },
  default_role: { type: 'string' },
};

/** JWT auth for machines (vault-plugin-auth-jwt with role_type=jwt), mounted under `auth/`. */
export const jwtBackend: Backend = {
  type: 'jwt',
  unauthenticatedPaths: ['login'],
  paths: [
    {
      pattern: 'config',
      auth: 'token',
      synopsis: 'Configure the JWT authentication backend.',
      fields: configFields,
      ops: { read: readConfig, update: writeConfig },
    },
    {
      pattern: 'role',
      auth: 'token',
      synopsis: 'Lists all the roles registered with the backend.',
      ops: { list: listRoles },
    },
    {
      pattern: 'role/',
      auth: 'token',
      synopsis: 'Lists all the roles registered with the backend.',
      ops: { list: listRoles },
    },
    {
      pattern: 'role/:name',
      auth: 'token',
      synopsis: 'Register an role with the backend.',
      fields: roleFields,
      ops: { read: readRole, create: writeRole, update: writeRole, delete: deleteRole },
      exists: roleExists,
    },
    {
      pattern: 'login',
      auth: 'none',
      synopsis: 'Authenticates to Vault using a JWT (or OIDC) token.',
      fields: { role: { type: 'string' }, jwt: { type: 'string' } },
      ops: { update: login },
    },
  ],
};
