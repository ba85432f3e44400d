import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagBool } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { printSecret } from './print-secret.js';

/** `vault token lookup` (command/token_lookup.go): lookup-self, lookup or lookup-accessor. */
export const tokenLookupCommand: CommandSpec = {
  name: 'token lookup',
  summary: 'Display information about a token',
  usage: 'hvr token lookup [options] [TOKEN | ACCESSOR]',
  help: [
    'Displays information about a token or accessor. If a TOKEN is not provided,',
    'the locally authenticated token is used.',
    '',
    'Get information about the locally authenticated token:',
    '',
    '    $ hvr token lookup',
    '',
    'Get information about a token via its accessor:',
    '',
    '    $ hvr token lookup -accessor 9793c9b3-e04a-46f3-e7b8-748d7da248da',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    {
      name: 'accessor',
      type: 'bool',
      usage:
        'Treat the argument as an accessor instead of a token. When this option is selected, the output will NOT include the token.',
    },
  ],
  async run(ctx) {
    const accessor = flagBool(ctx.flags, 'accessor');
    const n = ctx.args.length;
    if (accessor && n < 1)
      return ctx.out.usageError(`Not enough arguments with -accessor (expected 1, got ${n})`);
    if (accessor && n > 1)
      return ctx.out.usageError(`Too many arguments with -accessor (expected 1, got ${n})`);
    if (n > 1) return ctx.out.usageError(`Too many arguments (expected 0-1, got ${n})`);
    const token = (ctx.args[0] ?? '').trim();
    const opts = { headers: ctx.callHeaders() };
    let secret: Secret | null;
    try {
      const api = await ctx.logical();
      if (token === '') secret = await api.read('auth/token/lookup-self', undefined, opts);
      else if (accessor) secret = await api.write('auth/token/lookup-accessor', { accessor: token }, opts);
      else secret = await api.write('auth/token/lookup', { token }, opts);
    } catch (error) {
      return requestFailed(ctx, 'Error looking up token', error);
    }
    return printSecret(ctx, secret);
  },
};
