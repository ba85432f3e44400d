import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { durationFlag } from '../token/duration-flag.js';

/** `vault lease renew` (command/lease_renew.go): PUT sys/leases/renew {increment, lease_id}. */
export const leaseRenewCommand: CommandSpec = {
  name: 'lease renew',
  summary: 'Renews the lease of a secret',
  usage: 'hvr lease renew [options] ID',
  help: [
    'Renews the lease on a secret, extending the time that it can be used before',
    'it is revoked by Vault.',
    '',
    'Every secret in Vault has a lease associated with it. If the owner of the',
    'secret wants to use it longer than the lease, then it must be renewed.',
    'Renewing the lease does not change the contents of the secret. The ID is the',
    'full path lease ID.',
    '',
    'Renew a secret:',
    '',
    '    $ hvr lease renew database/creds/readonly/2f6a614c...',
    '',
    'Lease renewal will fail if the secret is not renewable, the secret has already',
    'been revoked, or if the secret has already reached its maximum TTL.',
    '',
    'For a full list of examples, please see the documentation.',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    {
      name: 'increment',
      type: 'duration',
      usage: 'Request a specific increment in seconds. Vault is not required to honor this request.',
    },
  ],
  async run(ctx) {
    const increment = durationFlag(ctx, 'increment');
    if (!increment.ok) return increment.exit;
    if (ctx.args.length === 0) return ctx.out.usageError('Missing ID!');
    // Vault's own message says 1-2 although it takes exactly one ID.
    if (ctx.args.length > 1)
      return ctx.out.usageError(`Too many arguments (expected 1-2, got ${ctx.args.length})`);
    const leaseID = (ctx.args[0] ?? '').trim();
    // truncateToSeconds: whole seconds, anything under a second is 0.
    const seconds = Math.max(0, Math.floor(increment.seconds));
    try {
      const secret = await (await ctx.logical()).write(
        'sys/leases/renew',
        { increment: seconds, lease_id: leaseID },
        { headers: ctx.callHeaders() },
      );
      if (secret === null) return ctx.out.data(null);
      return ctx.out.secret(secret);
    } catch (error) {
      return requestFailed(ctx, `Error renewing ${leaseID}`, error);
    }
  },
};
