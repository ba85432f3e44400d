import type { Secret } from '../../../src/client/secret.js';

/** Secrets as the client parses them from Vault's wire envelope, one per output shape. */
const base: Secret = {
  request_id: '5e0e3b4a-ba35-11ee-8b2c-0242ac120002',
  lease_id: '',
  lease_duration: 0,
  renewable: false,
  data: null,
  warnings: null,
  auth: null,
  wrap_info: null,
};

/** `vault read secret/foo` on KV v1: a TTL but no lease id, so `refresh_interval`. */
export const kvV1Read: Secret = {
  ...base,
  lease_duration: 2764800,
  data: { foo: 'bar', baz: '' },
};

/** No lease at all: scalars of every JSON type. */
export const plainSecret: Secret = {
  ...base,
  data: { zip: 'zap', count: 3, ratio: 1.5, enabled: true, nothing: null },
};

/** A dynamic secret with a real lease. */
export const leasedSecret: Secret = {
  ...base,
  lease_id: 'database/creds/readonly/2f6a614c-4aa2-7b19-24b9-ad944a8d4de6',
  lease_duration: 3600,
  renewable: true,
  data: { password: 'A1a-p4y5mw8zvvqpx3x7', username: 'v-token-readonly-8u9s4v2' },
};

/** `vault kv get -wrap-ttl=60 secret/app_credential` (a real transcript's values). */
export const wrappedSecret: Secret = {
  ...base,
  request_id: '',
  wrap_info: {
    token: 'fc76f5e8-f8c4-be9a-50fb-39e5c79676b7',
    accessor: 'e39c07b7-71bd-4946-87b3-86302538ac48',
    ttl: 60,
    creation_time: '2018-06-08T00:47:43.915339533Z',
    creation_path: 'secret/data/app_credential',
    wrapped_accessor: '',
  },
};

/** A wrapped token: the wrapped accessor row appears. */
export const wrappedToken: Secret = {
  ...wrappedSecret,
  wrap_info: {
    token: 'hvs.CAESIJwrap',
    accessor: 'Jt8gUnSH1Qhr5n9f4gLvH6KN',
    ttl: 300,
    creation_time: '2024-01-02T03:04:05.5-05:00',
    creation_path: 'auth/token/create',
    wrapped_accessor: 'M5Z7x2sCnyRTy3z9fSCqtmvQ',
  },
};

/** `vault login` with the dev root token (the reference transcript). */
export const rootLogin: Secret = {
  ...base,
  auth: {
    client_token: 'root',
    accessor: '1xFR5A5qSXsRcPRwW6FKJDP5',
    policies: ['root'],
    token_policies: ['root'],
    identity_policies: null,
    metadata: null,
    lease_duration: 0,
    renewable: false,
    entity_id: '',
    token_type: 'service',
    orphan: true,
  },
};

/** `vault token create -policy=web -metadata=user=armon -metadata=app=ci`. */
export const tokenCreate: Secret = {
  ...base,
  auth: {
    client_token: 'hvs.CAESIG3x',
    accessor: 'VNO2XnzNyP5aDNwq9mBAHW3m',
    policies: ['default', 'web'],
    token_policies: ['default', 'web'],
    identity_policies: null,
    metadata: { user: 'armon', app: 'ci' },
    lease_duration: 2764800,
    renewable: true,
    entity_id: '',
    orphan: false,
  },
};

/** A write whose response carries warnings (the DR secondary enable transcript). */
export const warnedSecret: Secret = {
  ...base,
  warnings: [
    'Vault has successfully found secondary information; it may take a while to perform setup tasks. Vault will be unavailable until these tasks and initial sync complete.',
    'second <warning> & more',
  ],
  data: { state: 'running' },
};

/** Nested maps and lists, `looksLikeDuration` keys, and numbers Go prints differently. */
export const nestedSecret: Secret = {
  ...base,
  data: {
    map: { b: ['x', 'y'], a: 1 },
    list: ['a', 'b'],
    nested: { deep: { x: null } },
    empty: {},
    empty_list: [],
    ttl: 90,
    max_ttl: '1h',
    period: 1.5,
    big: 1e21,
    token_duration: 2764800,
  },
  mount_type: 'kv',
};

/** A KV v2 read (`vault kv get -mount=secret creds`, the Vault docs example). */
export const kvV2Read: Secret = {
  ...base,
  data: {
    data: { passcode: 'my-long-passcode' },
    metadata: {
      created_time: '2022-06-15T20:23:40.067093Z',
      custom_metadata: null,
      deletion_time: '',
      destroyed: false,
      version: 1,
    },
  },
};

/** `vault list secret/`. */
export const listSecret: Secret = {
  ...base,
  data: { keys: ['foo/', 'bar'] },
};

export const allSecrets = {
  kvV1Read,
  plainSecret,
  leasedSecret,
  wrappedSecret,
  wrappedToken,
  rootLogin,
  tokenCreate,
  warnedSecret,
  nestedSecret,
  kvV2Read,
  listSecret,
} as const;
