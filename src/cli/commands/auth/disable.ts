import type { CommandSpec } from '../../command.js';
import { checkArgs, sanitizePath } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { ensureTrailingSlash } from '../secrets/mount-flags.js';

export const authDisableCommand: CommandSpec = {
  name: 'auth disable',
  summary: 'Disables an auth method',
  usage: 'hvr auth disable [options] PATH',
  help: [
    'Disables an existing auth method at the given PATH. The argument corresponds',
    'to the PATH of the mount, not the TYPE!. Once the auth method is disabled its',
    'path can no longer be used to authenticate.',
    '',
    'All access tokens generated via the disabled auth method are immediately',
    'revoked.',
    '',
    '    $ hvr auth disable userpass/',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const path = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
    try {
      await (await ctx.logical()).delete(`sys/auth/${path}`, undefined, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error disabling auth method at ${path}`, error);
    }
    ctx.out.info(`Success! Disabled the auth method (if it existed) at: ${path}`);
    return 0;
  },
};
