import type { CommandSpec } from '../../command.js';
import { withDetailedFlag } from '../../common-flags.js';
import { runMountList } from './mount-list-run.js';

export const secretsListCommand: CommandSpec = {
  name: 'secrets list',
  summary: 'List enabled secrets engines',
  usage: 'hvr secrets list [options]',
  help: [
    'Lists the enabled secret engines on the Vault server. This command also outputs',
    'information about the enabled path including configured TTLs and human-friendly',
    'descriptions. A TTL of "system" indicates that the system default is in use.',
    '',
    'List all enabled secrets engines:',
    '',
    '    $ hvr secrets list',
    '',
    'List all enabled secrets engines with detailed output:',
    '',
    '    $ hvr secrets list -detailed',
  ].join('\n'),
  flags: withDetailedFlag(
    'Print detailed information such as TTLs and replication status about each secrets engine.',
  ),
  run: (ctx) => runMountList(ctx, 'secrets'),
};
