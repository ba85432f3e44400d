import type { CommandSpec } from '../../command.js';
import { withDetailedFlag } from '../../common-flags.js';
import { runMountList } from '../secrets/mount-list-run.js';

export const authListCommand: CommandSpec = {
  name: 'auth list',
  summary: 'Lists enabled auth methods',
  usage: 'hvr auth list [options]',
  help: [
    'Lists the enabled auth methods on the Vault server. This command also outputs',
    'information about the method including configuration and human-friendly',
    'descriptions. A TTL of "system" indicates that the system default is in use.',
    '',
    'List all enabled auth methods:',
    '',
    '    $ hvr auth list',
    '',
    'List all enabled auth methods with detailed output:',
    '',
    '    $ hvr auth list -detailed',
  ].join('\n'),
  flags: withDetailedFlag(
    'Print detailed information such as configuration and replication status about each auth method. This option is only applicable to table-formatted output.',
  ),
  run: (ctx) => runMountList(ctx, 'auth'),
};
