import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { disableMount, SECRETS_ENGINE } from './mount-kind.js';

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
  run: (ctx) => disableMount(ctx, SECRETS_ENGINE),
};
