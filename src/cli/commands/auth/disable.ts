import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { AUTH_METHOD, disableMount } from '../secrets/mount-kind.js';

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
  run: (ctx) => disableMount(ctx, AUTH_METHOD),
};
