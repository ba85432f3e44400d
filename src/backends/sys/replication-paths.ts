import type { Core } from '../../core/core.js';
import { badRequest } from '../../core/errors.js';
import type { PathSpec } from '../path-spec.js';
import { readCaFiles } from './ca-files.js';

const DEFAULT_SECONDARY_TOKEN_TTL = 30 * 60;

/** sys/replication/*: DR replication as Vault Enterprise has it (performance reports disabled for now). */
export function replicationPaths(core: Core): PathSpec[] {
  const dr = core.replication;
  const status = async () => ({ data: { dr: await dr.status(), performance: { mode: 'disabled' } } });
  return [
    { pattern: 'replication/status', auth: 'none', sealed: 'allowed', drSecondary: 'allowed', synopsis: 'Replication status.', ops: { read: status } },
    {
      pattern: 'replication/dr/status',
      auth: 'none',
      sealed: 'allowed',
      drSecondary: 'allowed',
      synopsis: 'DR replication status.',
      ops: { read: async () => ({ data: await dr.status() }) },
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
      ops: { update: async (_req, f) => dr.enablePrimary(f.string('primary_cluster_addr') ?? '') },
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
          return dr.secondaryToken(id, f.duration('ttl') || DEFAULT_SECONDARY_TOKEN_TTL, req.id, publicKey || undefined);
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
      ops: { update: async () => dr.disablePrimary() },
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
          return dr.enableSecondary({
            token: f.requiredString('token', 'missing "token" value: pass the activation token from the primary'),
            ...(f.string('primary_api_addr') ? { primaryApiAddr: f.string('primary_api_addr') } : {}),
            ...(caPem ? { caPem } : {}),
          });
        },
      },
    },
    {
      pattern: 'replication/dr/secondary/generate-public-key',
      synopsis: 'Makes the key pair a primary encrypts an activation token to.',
      ops: { update: async () => dr.generatePublicKey() },
    },
    {
      pattern: 'replication/dr/secondary/disable',
      drSecondary: 'allowed',
      synopsis: 'Disables DR replication on this secondary.',
      ops: { update: async () => dr.disableSecondary() },
    },
    {
      pattern: 'replication/merkle-check',
      synopsis: 'Checks the merkle index against the data in storage.',
      ops: {
        update: async () => {
          if (core.storage.role === 'off') throw badRequest('replication is not enabled on this cluster: there is no merkle index to check');
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
          return { warnings: ['Reindex completed: the merkle index was rebuilt from the data in storage.'] };
        },
      },
    },
  ];
}
