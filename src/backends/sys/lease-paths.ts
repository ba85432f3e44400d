import type { Core } from '../../core/core.js';
import { toLeaseLookup } from '../../core/lease-store.js';
import { badRequest } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { PathSpec } from '../../logical/path-spec.js';

const leaseIdOf = (fields: Fields): string => {
  const id = fields.string('lease_id') ?? fields.string('url_lease_id');
  if (!id) throw badRequest('lease_id must be specified');
  return id;
};

/**
 * Vault still serves the pre-0.8 lease paths beside sys/leases/*: sys/renew, sys/revoke,
 * sys/revoke-prefix and sys/revoke-force, each the same handler as its leases/ twin.
 */
export function legacyLeasePaths(current: readonly PathSpec[]): PathSpec[] {
  return current
    .filter((spec) => /^leases\/(renew|revoke)/.test(spec.pattern))
    .map((spec) => ({ ...spec, pattern: spec.pattern.slice('leases/'.length) }));
}

export function leasePaths(core: Core): PathSpec[] {
  const revokePrefix = async (prefix: string) => {
    for (const id of await core.leases.idsUnder(prefix)) await revoke(id);
    return null;
  };
  const revoke = async (id: string) => {
    const lease = await core.leases.get(id);
    if (!lease) return;
    const entry = await core.tokens.lookup(lease.clientToken);
    if (entry) await core.tokens.revokeTree(entry);
    await core.leases.delete(id);
  };
  const renew = async (fields: Fields) => {
    const id = leaseIdOf(fields);
    const lease = await core.leases.requireLease(id);
    // expiration.go Renew: a lease without a secret is a token's, and tokens are renewed
    // through auth/token/renew* only (`vault lease renew` on a login lease fails the same way).
    if (lease.kind === 'auth') throw badRequest('tokens cannot be renewed through this endpoint');
    throw badRequest('lease does not correspond to a secret');
  };
  return [
    {
      pattern: 'leases/lookup',
      fields: { lease_id: { type: 'string' } },
      synopsis: 'Looks up a lease.',
      ops: {
        update: async (_req, fields) => ({
          data: toLeaseLookup(await core.leases.requireLease(leaseIdOf(fields))),
        }),
      },
    },
    {
      pattern: 'leases/lookup/',
      auth: 'sudo',
      synopsis: 'Lists lease ids.',
      ops: { list: async () => ({ data: { keys: await core.leases.list('') } }) },
    },
    {
      pattern: 'leases/lookup/*prefix',
      auth: 'sudo',
      fields: { prefix: { type: 'string' } },
      synopsis: 'Lists lease ids under a prefix.',
      ops: {
        list: async (_req, fields) => ({
          data: { keys: await core.leases.list(fields.string('prefix') ?? '') },
        }),
      },
    },
    {
      pattern: 'leases/renew',
      fields: { lease_id: { type: 'string' }, increment: { type: 'duration' } },
      synopsis: 'Renews a lease.',
      ops: { update: async (_req, fields) => renew(fields) },
    },
    {
      pattern: 'leases/renew/*url_lease_id',
      fields: { url_lease_id: { type: 'string' }, increment: { type: 'duration' } },
      synopsis: 'Renews a lease.',
      ops: { update: async (_req, fields) => renew(fields) },
    },
    {
      pattern: 'leases/revoke',
      fields: { lease_id: { type: 'string' }, sync: { type: 'bool' } },
      synopsis: 'Revokes a lease.',
      ops: {
        update: async (_req, fields) => {
          await revoke(leaseIdOf(fields));
          return null;
        },
      },
    },
    {
      pattern: 'leases/revoke/*url_lease_id',
      fields: { url_lease_id: { type: 'string' }, sync: { type: 'bool' } },
      synopsis: 'Revokes a lease.',
      ops: {
        update: async (_req, fields) => {
          await revoke(leaseIdOf(fields));
          return null;
        },
      },
    },
    {
      pattern: 'leases/revoke-prefix/*prefix',
      auth: 'sudo',
      fields: { prefix: { type: 'string' }, sync: { type: 'bool' } },
      synopsis: 'Revokes every lease under a prefix.',
      ops: { update: async (_req, fields) => revokePrefix(fields.requiredString('prefix')) },
    },
    {
      pattern: 'leases/revoke-force/*prefix',
      auth: 'sudo',
      fields: { prefix: { type: 'string' } },
      synopsis: 'Revokes every lease under a prefix, ignoring backend errors.',
      ops: { update: async (_req, fields) => revokePrefix(fields.requiredString('prefix')) },
    },
  ];
}
