import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';

export const operatorUnsealCommand: CommandSpec = {
  name: 'operator unseal',
  summary: 'Unseals the Vault server',
  usage: 'hvr operator unseal [options] [KEY]',
  help: [
    'Provide a portion of the root key to unseal a Vault server. Vault starts',
    'in a sealed state. It cannot perform operations until it is unsealed. This',
    'command accepts a portion of the root key (an "unseal key").',
    '',
    'The unseal key can be supplied as an argument to the command, but this is',
    'not recommended as the unseal key will be available in your history:',
    '',
    '    $ hvr operator unseal IXyR0OJnSFobekZMMCKCoVEpT7wI6l+USMzE3IcyDyo=',
    '',
    'Instead, run the command with no arguments and it will prompt for the key:',
    '',
    '    $ hvr operator unseal',
    '    Key (will be hidden): IXyR0OJnSFobekZMMCKCoVEpT7wI6l+USMzE3IcyDyo=',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    { name: 'reset', type: 'bool', usage: 'Discard any previously entered keys to the unseal process.' },
    {
      name: 'migrate',
      type: 'bool',
      usage:
        'Indicate that this share is provided with the intent that it is part of a seal migration process.',
    },
  ],
  async run(ctx) {
    const { runOperatorUnseal } = await import('./unseal-run.js');
    return runOperatorUnseal(ctx);
  },
};
