import type { Core } from '../../core/core.js';
import { decodeKeyShare } from '../../core/seal.js';
import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { PathSpec } from '../../logical/path-spec.js';
import { rawJSON } from './raw-json.js';

const BUILD_DATE = '2026-11-27T00:00:00Z';

export async function sealStatus(core: Core): Promise<Record<string, unknown>> {
  const config = await core.seal.config();
  const { progress, nonce } = core.seal.progress();
  return {
    type: 'shamir',
    initialized: config !== null,
    sealed: core.isSealed,
    t: config?.secretThreshold ?? 0,
    n: config?.secretShares ?? 0,
    progress,
    nonce,
    version: core.version,
    build_date: BUILD_DATE,
    migration: false,
    ...(core.isSealed ? {} : { cluster_name: core.identity.name, cluster_id: core.identity.id }),
    recovery_seal: false,
    storage_type: core.physical.kind === 'sqlite' ? 'sqlite' : 'inmem',
  };
}

const HEALTH_CODE_PARAMS = [
  'activecode',
  'standbycode',
  'drsecondarycode',
  'performancestandbycode',
  'sealedcode',
  'uninitcode',
  'haunhealthycode',
  'removedcode',
] as const;

function healthCode(fields: Fields, name: (typeof HEALTH_CODE_PARAMS)[number], fallback: number): number {
  const text = fields.raw[name];
  if (text === undefined) return fallback;
  const code = Number(text);
  if (!Number.isInteger(code)) throw badRequest(`unable to parse ${name} parameter: ${String(text)}`);
  return code;
}

export function sealPaths(core: Core): PathSpec[] {
  return [
    {
      pattern: 'health',
      auth: 'none',
      sealed: 'allowed',
      drSecondary: 'allowed',
      openFields: true,
      synopsis: 'Checks the health of the node.',
      ops: {
        read: async (_req, fields) => {
          for (const flag of ['standbyok', 'perfstandbyok']) fields.bool(flag);
          const initialized = await core.isInitialized();
          let status = healthCode(fields, 'activecode', 200);
          if (!initialized) status = healthCode(fields, 'uninitcode', 501);
          else if (core.isSealed) status = healthCode(fields, 'sealedcode', 503);
          else if (core.replication.isSecondary) status = healthCode(fields, 'drsecondarycode', 472);
          for (const name of HEALTH_CODE_PARAMS) healthCode(fields, name, 0);
          return rawJSON(
            {
              initialized,
              sealed: core.isSealed,
              standby: false,
              performance_standby: false,
              replication_performance_mode: 'disabled',
              replication_dr_mode: core.replication.mode,
              server_time_utc: Math.floor(Date.now() / 1000),
              version: core.version,
              enterprise: false,
              ...(core.isSealed ? {} : { cluster_name: core.identity.name, cluster_id: core.identity.id }),
              echo_duration_ms: 0,
              clock_skew_ms: 0,
              replication_primary_canary_age_ms: 0,
            },
            status,
          );
        },
      },
    },
    {
      pattern: 'seal-status',
      auth: 'none',
      sealed: 'allowed',
      drSecondary: 'allowed',
      synopsis: 'The seal status of the node.',
      ops: { read: async () => rawJSON(await sealStatus(core)) },
    },
    {
      pattern: 'init',
      auth: 'none',
      sealed: 'allowed',
      synopsis: 'Initializes a new node.',
      fields: {
        secret_shares: { type: 'int' },
        secret_threshold: { type: 'int' },
        pgp_keys: { type: 'raw' },
        root_token_pgp_key: { type: 'string' },
        stored_shares: { type: 'int' },
        recovery_shares: { type: 'int' },
        recovery_threshold: { type: 'int' },
      },
      ops: {
        read: async () => rawJSON({ initialized: await core.isInitialized() }),
        update: async (_req, fields) => {
          if (fields.has('pgp_keys') || fields.string('root_token_pgp_key')) {
            throw badRequest('PGP-encrypted key shares are not supported by hvr yet; omit pgp_keys');
          }
          const shares = fields.int('secret_shares') ?? 0;
          const threshold = fields.int('secret_threshold') ?? 0;
          const result = await core.initialize(shares, threshold);
          return rawJSON({ keys: result.keys, keys_base64: result.keysBase64, root_token: result.rootToken });
        },
      },
    },
    {
      pattern: 'unseal',
      auth: 'none',
      sealed: 'allowed',
      synopsis: 'Submits one unseal key share.',
      fields: { key: { type: 'string' }, reset: { type: 'bool' }, migrate: { type: 'bool' } },
      ops: {
        update: async (_req, fields) => {
          if (!(await core.isInitialized())) throw badRequest('Vault is not initialized');
          if (fields.bool('reset')) {
            core.seal.reset();
            return rawJSON(await sealStatus(core));
          }
          const key = fields.string('key');
          if (key === undefined || key === '') {
            throw badRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
          }
          const share = decodeKeyShare(key);
          if (share.length < 16) throw badRequest('key is shorter than minimum 16 bytes');
          if (share.length > 33) throw badRequest('key is longer than maximum 33 bytes');
          await core.submitUnsealShare(share);
          return rawJSON(await sealStatus(core));
        },
      },
    },
    {
      pattern: 'seal',
      auth: 'sudo',
      synopsis: 'Seals the node.',
      ops: {
        update: async () => {
          await core.sealNode();
          return null;
        },
      },
    },
    {
      pattern: 'leader',
      auth: 'none',
      drSecondary: 'allowed',
      synopsis: 'High-availability leader information.',
      ops: {
        read: async () =>
          rawJSON({
            ha_enabled: false,
            is_self: false,
            active_time: '0001-01-01T00:00:00Z',
            leader_address: '',
            leader_cluster_address: '',
            performance_standby: false,
            performance_standby_last_remote_wal: 0,
          }),
      },
    },
    {
      pattern: 'key-status',
      synopsis: 'The barrier key in use.',
      ops: {
        read: async () => {
          const status = core.barrier.keyStatus();
          return { data: { term: status.term, install_time: status.installTime, encryptions: 0 } };
        },
      },
    },
    {
      pattern: 'rotate',
      auth: 'sudo',
      synopsis: 'Rotates the barrier key.',
      ops: {
        update: async () => {
          await core.barrier.rotate();
          return null;
        },
      },
    },
  ];
}
