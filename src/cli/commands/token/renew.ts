import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { flagBool } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { durationFlag } from './duration-flag.js';
import { printSecret } from './print-secret.js';

/** `vault token renew` (command/token_renew.go): renew-self, renew or renew-accessor. */
export const tokenRenewCommand: CommandSpec = {
  name: 'token renew',
  summary: 'Renew a token lease',
  usage: 'hvr token renew [options] [TOKEN]',
  help: [
    "Renews a token's lease, extending the amount of time it can be used. If a",
    'TOKEN is not provided, the locally authenticated token is used. A token',
    'accessor can be used as well. Lease renewal will fail if the token is not',
    'renewable, the token has already been revoked, or if the token has already',
    'reached its maximum TTL.',
    '',
    'Renew a token requesting a specific increment value:',
    '',
    '    $ hvr token renew -increment=30m 96ddf4bc-d217-f3ba-f9bd-017055595017',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    {
      name: 'accessor',
      type: 'bool',
      usage:
        'Treat the argument as an accessor instead of a token. When this option is selected, the output will NOT include the token.',
    },
    {
      name: 'increment',
      aliases: ['i'],
      type: 'duration',
      usage:
        'Request a specific increment for renewal, like "30s" or "5m". If not supplied, the default TTL is used.',
    },
  ],
  async run(ctx) {
    // Vault's message says "expected 1" although 0 is allowed too.
    if (ctx.args.length > 1)
      return ctx.out.usageError(`Too many arguments (expected 1, got ${ctx.args.length})`);
    const increment = durationFlag(ctx, 'increment');
    if (!increment.ok) return increment.exit;
    const token = (ctx.args[0] ?? '').trim();
    const opts = { headers: ctx.callHeaders() };
    let secret: Secret | null;
    try {
      const api = await ctx.logical();
      const inc = increment.seconds;
      if (token === '') secret = await api.write('auth/token/renew-self', { increment: inc }, opts);
      else if (flagBool(ctx.flags, 'accessor')) {
        secret = await api.write('auth/token/renew-accessor', { accessor: token, increment: inc }, opts);
      } else secret = await api.write('auth/token/renew', { token, increment: inc }, opts);
    } catch (error) {
      return requestFailed(ctx, 'Error renewing token', error);
    }
    return printSecret(ctx, secret);
  },
};
