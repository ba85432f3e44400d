import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { moveMount } from './remount.js';

/** `vault secrets move` (command/secrets_move.go). */
export const secretsMoveCommand: CommandSpec = {
  name: 'secrets move',
  summary: 'Move a secrets engine to a new path',
  usage: 'hvr secrets move [options] SOURCE DESTINATION',
  help: [
    'Moves an existing secrets engine to a new path. Any leases from the old',
    'secrets engine are revoked, but all configuration associated with the engine',
    'is preserved. It initiates the migration and intermittently polls its status,',
    'exiting if a final state is reached.',
    '',
    'WARNING! Moving a secrets engine will revoke any leases from the',
    'old engine.',
    '',
    'Move the secrets engine at secret/ to generic/:',
    '',
    '    $ hvr secrets move secret/ generic/',
  ].join('\n'),
  flags: HTTP_FLAGS,
  run: (ctx) => moveMount(ctx, 'secrets engine'),
};
