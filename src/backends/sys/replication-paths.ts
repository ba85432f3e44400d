import type { Core } from '../../core/core.js';
import { envelopeJson } from '../../core/envelope.js';
import { decodeKeyShare } from '../../core/seal.js';
import { badRequest } from '../../logical/errors.js';
import type { PathSpec } from '../../logical/path-spec.js';
import type { Response } from '../../logical/request.js';
import { readCaFiles } from './ca-files.js';
import { rawJSON } from './raw-json.js';
import {
  twoPrimaryWarning,
  WARN_DEMOTE,
  WARN_PRIMARY_DISABLE,
  WARN_PRIMARY_ENABLE,
  WARN_PROMOTE,
  WARN_REINDEX,
  WARN_SECONDARY_ENABLE,
  WARN_UPDATE_PRIMARY,
} from './replication-warnings.js';

const DEFAULT_SECONDARY_TOKEN_TTL = 30 * 60;

/** sys/replication/*: DR replication as Vault Enterprise has it (performance reports disabled for now). */
export function replicationPaths(core: Core): PathSpec[] {
  const dr = core.replication;
  const withGuard = (data: Record<string, unknown>) => {
    const rival = dr.rivalPrimary();
    return rival ? { data, warnings: [twoPrimaryWarning(rival)] } : { data };
  };
  /** Runs an engine operation and answers with Vault's warning for it. */
  const warn =
    (warning: string) =>
    async (done: Promise<void>): Promise<Response> => {
      await done;
      return { warnings: [warning] };
    };
  const status = async () => withGuard({ dr: await dr.status(), performance: { mode: 'disabled' } });
  return [
    {
      pattern: 'replication/status',
      auth: 'none',
      sealed: 'allowed',
      drSecondary: 'allowed',
      synopsis: 'Replication status.',
      ops: { read: status },
    },
    {
      pattern: 'replication/dr/status',
      auth: 'none',
      sealed: 'allowed',
      drSecondary: 'allowed',
      synopsis: 'DR replication status.',
      ops: { read: async () => withGuard(await dr.status()) },
    },
    {
      pattern: 'replication/performance/status',
      auth: 'none',
      sealed: 'allowed',
      drSecondary: 'allowed',
      synopsis: 'Performance replication status.',
      ops: { read: async () => ({ data: { mode: 'disabled' } }) },
    },
    {
      pattern: 'replication/dr/primary/enable',
      fields: { primary_cluster_addr: { type: 'string' } },
      synopsis: 'Enables DR replication as a primary.',
      ops: {
        update: async (_req, f) =>
          warn(WARN_PRIMARY_ENABLE)(dr.enablePrimary(f.string('primary_cluster_addr') ?? '')),
      },
    },
    {
      pattern: 'replication/dr/primary/secondary-token',
      auth: 'sudo',
      fields: { id: { type: 'string' }, ttl: { type: 'duration' }, secondary_public_key: { type: 'string' } },
      synopsis: 'Issues a single-use, response-wrapped DR secondary activation token.',
      ops: {
        update: async (req, f) => {
          const id = f.string('id');
          if (!id) throw badRequest('missing "id" value');
          const publicKey = f.string('secondary_public_key');
          const fact = await dr.secondaryToken(id, publicKey || undefined);
          if (fact.kind === 'sealed') return { data: { token: fact.token } };
          const { info, warnings } = await core.wrapping.wrap(
            envelopeJson({ data: fact.bundle }, req.id, false),
            {
              ttl: f.duration('ttl') || DEFAULT_SECONDARY_TOKEN_TTL,
              path: dr.policy.tokenPath,
              format: 'jwt',
            },
          );
          return { wrapInfo: info, ...(warnings.length > 0 ? { warnings } : {}) };
        },
      },
    },
    {
      pattern: 'replication/dr/primary/revoke-secondary',
      fields: { id: { type: 'string' } },
      synopsis: 'Revokes a DR secondary: it is disconnected and refused from then on.',
      ops: {
        update: async (_req, f) => {
          await dr.revokeSecondary(f.requiredString('id', 'missing "id" value'));
          return null;
        },
      },
    },
    {
      pattern: 'replication/dr/primary/disable',
      synopsis: 'Disables DR replication on this primary.',
      ops: { update: async () => warn(WARN_PRIMARY_DISABLE)(dr.disablePrimary()) },
    },
    {
      pattern: 'replication/dr/secondary/enable',
      fields: {
        token: { type: 'string' },
        primary_api_addr: { type: 'string' },
        ca_file: { type: 'string' },
        ca_path: { type: 'string' },
      },
      synopsis: 'Enables this cluster as a DR secondary (wipes its data).',
      ops: {
        update: async (_req, f) => {
          const caPem = await readCaFiles(f.string('ca_file'), f.string('ca_path'));
          return warn(WARN_SECONDARY_ENABLE)(
            dr.enableSecondary({
              token: f.requiredString(
                'token',
                'missing "token" value: pass the activation token from the primary',
              ),
              ...(f.string('primary_api_addr') ? { primaryApiAddr: f.string('primary_api_addr') } : {}),
              ...(caPem ? { caPem } : {}),
            }),
          );
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/generate-public-key',
      synopsis: 'Makes the key pair a primary encrypts an activation token to.',
      ops: { update: async () => ({ data: { secondary_public_key: await dr.generatePublicKey() } }) },
    },
    {
      pattern: 'replication/dr/secondary/disable',
      auth: 'dr-operation-token',
      drSecondary: 'allowed',
      fields: { dr_operation_token: { type: 'string' } },
      synopsis: 'Disables DR replication on this secondary.',
      ops: { update: async () => warn(WARN_PRIMARY_DISABLE)(dr.disableSecondary()) },
    },
    {
      pattern: 'replication/dr/primary/zero-rpo',
      fields: { min_acks: { type: 'int' }, ack_timeout: { type: 'duration' } },
      synopsis: 'hvr: make writes wait until N DR secondaries applied them (0 = asynchronous, the default).',
      ops: {
        read: async () => {
          const mode = dr.zeroRpo;
          return {
            data: { min_acks: mode?.minAcks ?? 0, ack_timeout: Math.round((mode?.ackTimeoutMs ?? 0) / 1000) },
          };
        },
        update: async (_req, f) => {
          await dr.setZeroRpo(f.int('min_acks') ?? 0, (f.duration('ack_timeout') ?? 5) * 1000);
          return null;
        },
      },
    },
    {
      pattern: 'replication/dr/primary/demote',
      synopsis: 'Demotes this DR primary to a secondary connected to nothing.',
      ops: { update: async () => warn(WARN_DEMOTE)(dr.demote()) },
    },
    {
      pattern: 'replication/dr/secondary/promote',
      auth: 'dr-operation-token',
      drSecondary: 'allowed',
      fields: {
        dr_operation_token: { type: 'string' },
        primary_cluster_addr: { type: 'string' },
        force: { type: 'bool' },
      },
      synopsis: 'Promotes this DR secondary to the DR primary.',
      ops: {
        update: async (_req, f) =>
          warn(WARN_PROMOTE)(
            dr.promote({
              force: f.bool('force') ?? false,
              primaryClusterAddr: f.string('primary_cluster_addr') ?? '',
            }),
          ),
      },
    },
    {
      pattern: 'replication/dr/secondary/update-primary',
      auth: 'dr-operation-token',
      drSecondary: 'allowed',
      fields: {
        dr_operation_token: { type: 'string' },
        token: { type: 'string' },
        primary_api_addr: { type: 'string' },
        ca_file: { type: 'string' },
        ca_path: { type: 'string' },
        update_primary_addrs: { type: 'comma-string-list' },
      },
      synopsis: 'Points this DR secondary at a new primary without a wipe.',
      ops: {
        update: async (_req, f) => {
          const caPem = await readCaFiles(f.string('ca_file'), f.string('ca_path'));
          const addrs = f.strings('update_primary_addrs');
          return warn(WARN_UPDATE_PRIMARY)(
            dr.updatePrimary({
              ...(f.has('token') ? { token: f.string('token') ?? '' } : {}),
              ...(f.string('primary_api_addr') ? { primaryApiAddr: f.string('primary_api_addr') } : {}),
              ...(caPem ? { caPem } : {}),
              ...(addrs && addrs.length > 0 ? { updatePrimaryAddrs: addrs } : {}),
            }),
          );
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/operation-token/delete',
      auth: 'dr-operation-token',
      drSecondary: 'allowed',
      fields: { dr_operation_token: { type: 'string' } },
      synopsis: 'Deletes a DR operation token made from key shares.',
      ops: {
        update: async (req) => {
          await dr.operationTokens.forget(String(req.data.dr_operation_token ?? ''));
          return null;
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/generate-operation-token/attempt',
      auth: 'none',
      drSecondary: 'allowed',
      fields: { otp: { type: 'string' }, pgp_key: { type: 'string' } },
      synopsis: 'Starts, reads or cancels a DR operation token generation.',
      ops: {
        read: async () => rawJSON(await core.generateRoot.status('dr-operation')),
        update: async (_req, f) =>
          rawJSON(await core.generateRoot.start('dr-operation', f.string('otp'), f.string('pgp_key'))),
        delete: async () => {
          core.generateRoot.cancel();
          return null;
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/generate-operation-token/update',
      auth: 'none',
      drSecondary: 'allowed',
      fields: { key: { type: 'string' }, nonce: { type: 'string' } },
      synopsis: 'Submits one of the primary’s key shares towards a DR operation token.',
      ops: {
        update: async (_req, f) => {
          const key = f.string('key');
          if (!key) throw badRequest("'key' must be specified in request body as JSON");
          return rawJSON(
            await core.generateRoot.update('dr-operation', decodeKeyShare(key), f.string('nonce') ?? ''),
          );
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/reindex',
      auth: 'dr-operation-token',
      drSecondary: 'allowed',
      fields: {
        dr_operation_token: { type: 'string' },
        diff: { type: 'bool' },
        force: { type: 'bool' },
        skip_flush: { type: 'bool' },
      },
      synopsis: 'Rebuilds the merkle index on this DR secondary.',
      ops: {
        update: async () => {
          if (!dr.isSecondary)
            throw badRequest(
              'this cluster is not a DR secondary: use sys/replication/reindex (which needs sudo) on a primary',
            );
          await dr.reindex();
          return { warnings: [WARN_REINDEX] };
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/merkle-check',
      auth: 'dr-operation-token',
      drSecondary: 'allowed',
      fields: { dr_operation_token: { type: 'string' } },
      synopsis: 'Checks the merkle index of this DR secondary.',
      ops: { update: async () => ({ data: { merkle_corruption_report: await core.storage.checkIndex() } }) },
    },
    {
      pattern: 'replication/merkle-check',
      synopsis: 'Checks the merkle index against the data in storage.',
      ops: {
        update: async () => {
          if (core.storage.role === 'off')
            throw badRequest('replication is not enabled on this cluster: there is no merkle index to check');
          return { data: { merkle_corruption_report: await core.storage.checkIndex() } };
        },
      },
    },
    {
      pattern: 'replication/reindex',
      auth: 'sudo',
      fields: { diff: { type: 'bool' }, force: { type: 'bool' }, skip_flush: { type: 'bool' } },
      synopsis: 'Rebuilds the merkle index from storage.',
      ops: {
        update: async () => {
          await dr.reindex();
          return { warnings: [WARN_REINDEX] };
        },
      },
    },
  ];
}
