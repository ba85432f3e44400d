import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { moveMount } from '../secrets/remount.js';

/**
 * `vault auth move` (command/auth_move.go). Vault sends the paths as given, so a script
 * names them `auth/approle/`; the messages show them the same way.
 */
export const authMoveCommand: CommandSpec = {
  name: 'auth move',
  summary: 'Move an auth method to a new path',
  usage: 'hvr auth move [options] SOURCE DESTINATION',
  help: [
    'Moves an existing auth method to a new path. Any leases from the old',
    'auth method are revoked, but all configuration associated with the method',
    'is preserved. It initiates the migration and intermittently polls its status,',
    'exiting if a final state is reached.',
    '',
    'WARNING! Moving an auth method will revoke any leases from the',
    'old method.',
    '',
    'Move the auth method at approle/ to generic/:',
    '',
    '    $ hvr auth move auth/approle/ auth/generic/',
  ].join('\n'),
  flags: HTTP_FLAGS,
  run: (ctx) => moveMount(ctx, 'auth method'),
};
