import type { Backend, FieldSpec } from '../../logical/path-spec.js';
import { tokenParamFields } from '../token-params.js';
import {
  certExists,
  deleteCert,
  listCerts,
  listFieldNames,
  readCert,
  readConfig,
  writeCert,
  writeConfig,
} from './certs.js';
import { login } from './login.js';

const name: FieldSpec = { type: 'string', description: 'The name of the certificate' };

const certFields: Readonly<Record<string, FieldSpec>> = {
  name,
  certificate: { type: 'string' },
  display_name: { type: 'string' },
  ...Object.fromEntries(listFieldNames.map((field) => [field, { type: 'comma-string-list' } as const])),
  ocsp_enabled: { type: 'bool' },
  ocsp_ca_certificates: { type: 'string' },
  ocsp_servers_override: { type: 'comma-string-list' },
  ocsp_fail_open: { type: 'bool' },
  ocsp_query_all_servers: { type: 'bool' },
  policies: { type: 'comma-string-list', description: 'Use "token_policies" instead.' },
  lease: { type: 'duration', description: 'Use "token_ttl" instead.' },
  ttl: { type: 'duration', description: 'Use "token_ttl" instead.' },
  max_ttl: { type: 'duration', description: 'Use "token_max_ttl" instead.' },
  period: { type: 'duration', description: 'Use "token_period" instead.' },
  bound_cidrs: { type: 'comma-string-list', description: 'Use "token_bound_cidrs" instead.' },
  ...tokenParamFields,
};

/** TLS client-certificate auth (Vault's builtin/credential/cert), mounted under `auth/`. */
export const certBackend: Backend = {
  type: 'cert',
  unauthenticatedPaths: ['login'],
  paths: [
    {
      pattern: 'certs',
      auth: 'token',
      synopsis: 'Manage trusted certificates used for authentication.',
      ops: { list: listCerts },
    },
    {
      pattern: 'certs/',
      auth: 'token',
      synopsis: 'Manage trusted certificates used for authentication.',
      ops: { list: listCerts },
    },
    {
      pattern: 'certs/:name',
      auth: 'token',
      synopsis: 'Manage trusted certificates used for authentication.',
      fields: certFields,
      ops: { read: readCert, create: writeCert, update: writeCert, delete: deleteCert },
      exists: certExists,
    },
    {
      pattern: 'config',
      auth: 'token',
      synopsis: 'Configure the cert auth method.',
      fields: {
        disable_binding: { type: 'bool' },
        enable_identity_alias_metadata: { type: 'bool' },
        ocsp_cache_size: { type: 'int' },
        role_cache_size: { type: 'int' },
      },
      ops: { read: readConfig, update: writeConfig },
    },
    {
      pattern: 'login',
      auth: 'none',
      synopsis: 'Log in with the client certificate of the TLS connection.',
      fields: { name },
      ops: { update: login },
    },
  ],
};
