import type { CommandSpec } from '../../command.js';
import { checkArgs, sanitizePath } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { ensureTrailingSlash } from './mount-flags.js';

export const secretsDisableCommand: CommandSpec = {
  name: 'secrets disable',
  summary: 'Disable a secrets engine',
  usage: 'hvr secrets disable [options] PATH',
  help: [
    'Disables a secrets engine at the given PATH. The argument corresponds to',
    'the enabled PATH of the engine, not the TYPE! All secrets created by this',
    'engine are revoked and its Vault data is removed.',
    '',
    'Disable the secrets engine enabled at aws/:',
    '',
    '    $ hvr secrets disable aws/',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const path = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
    try {
      await (await ctx.logical()).delete(`sys/mounts/${path}`, undefined, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error disabling secrets engine at ${path}`, error);
    }
    ctx.out.info(`Success! Disabled the secrets engine (if it existed) at: ${path}`);
    return 0;
  },
};
