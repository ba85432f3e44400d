import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';

/** `vault lease lookup` (command/lease_lookup.go): PUT sys/leases/lookup, the secret printed. */
export const leaseLookupCommand: CommandSpec = {
  name: 'lease lookup',
  summary: 'Lookup the lease of a secret',
  usage: 'hvr lease lookup ID',
  help: [
    'Lookup the lease information of a secret.',
    '',
    'Every secret in Vault has a lease associated with it. Users can look up',
    'information on the lease by referencing the lease ID.',
    '',
    'Lookup lease of a secret:',
    '',
    '    $ hvr lease lookup database/creds/readonly/2f6a614c...',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    if (ctx.args.length === 0) return ctx.out.usageError('Missing ID!');
    if (ctx.args.length > 1)
      return ctx.out.usageError(`Too many arguments (expected 1, got ${ctx.args.length})`);
    const leaseID = (ctx.args[0] ?? '').trim();
    try {
      const secret = await (await ctx.logical()).write(
        'sys/leases/lookup',
        { lease_id: leaseID },
        { headers: ctx.callHeaders() },
      );
      if (secret === null) return ctx.out.data(null);
      return ctx.out.secret(secret);
    } catch (error) {
      return requestFailed(ctx, `error looking up lease id ${leaseID}`, error);
    }
  },
};
