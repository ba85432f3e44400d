import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';

export const operatorRekeyCommand: CommandSpec = {
  name: 'operator rekey',
  summary: 'Generates new unseal keys',
  usage: 'hvr operator rekey [options] [KEY]',
  help: [
    'Generates a new set of unseal keys. This can optionally change the total',
    'number of key shares or the required threshold of those key shares to',
    'reconstruct the root key. This operation is zero downtime, but it requires',
    'the Vault is unsealed and a quorum of existing unseal keys are provided.',
    '',
    'An unseal key may be provided directly on the command line as an argument to',
    'the command. If key is specified as "-", the command will read from stdin. If',
    'a TTY is available, the command will prompt for text.',
    '',
    'Initialize a rekey:',
    '',
    '    $ hvr operator rekey \\',
    '        -init \\',
    '        -key-shares=15 \\',
    '        -key-threshold=9',
    '',
    'Rekey and require verification of the new keys:',
    '',
    '    $ hvr operator rekey \\',
    '        -init \\',
    '        -verify',
    '',
    'Provide an unseal key to progress the rekey (prompts for the key):',
    '',
    '    $ hvr operator rekey',
    '',
    'Cancel an in-progress rekey:',
    '',
    '    $ hvr operator rekey -cancel',
    '',
    'PGP-encrypted keys (-pgp-keys, -backup) are not supported by hvr nodes.',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    {
      name: 'init',
      type: 'bool',
      usage:
        'Initialize the rekeying operation. This can only be done if no rekeying operation is in progress. Customize the new number of key shares and key threshold using the -key-shares and -key-threshold flags.',
    },
    {
      name: 'cancel',
      type: 'bool',
      usage:
        'Reset the rekeying progress. This will discard any submitted unseal keys, recovery keys, or configuration.',
    },
    {
      name: 'status',
      type: 'bool',
      usage: 'Print the status of the current attempt without providing an unseal or recovery key.',
    },
    {
      name: 'key-shares',
      aliases: ['n'],
      type: 'int',
      default: '5',
      usage:
        'Number of key shares to split the generated root key into. This is the number of "unseal keys" or "recovery keys" to generate.',
    },
    {
      name: 'key-threshold',
      aliases: ['t'],
      type: 'int',
      default: '3',
      usage:
        'Number of key shares required to reconstruct the root key. This must be less than or equal to -key-shares.',
    },
    {
      name: 'target',
      type: 'string',
      default: 'barrier',
      completions: ['barrier', 'recovery'],
      usage:
        'Target for rekeying. "recovery" only applies when HSM support is enabled (hvr nodes have no recovery keys).',
    },
    {
      name: 'verify',
      type: 'bool',
      usage:
        'Indicates that the action (-status, -cancel, or providing a key share) will be affecting verification for the current rekey attempt.',
    },
    {
      name: 'nonce',
      type: 'string',
      usage:
        'Nonce value provided at initialization. The same nonce value must be provided with each unseal or recovery key.',
    },
    {
      name: 'pgp-keys',
      type: 'string-slice',
      usage:
        'Comma-separated list of paths to files on disk containing public PGP keys (not supported by hvr nodes).',
    },
    {
      name: 'backup',
      type: 'bool',
      usage:
        "Store a backup of the current PGP encrypted unseal or recovery keys in Vault's core (needs -pgp-keys).",
    },
    { name: 'backup-delete', type: 'bool', usage: 'Delete any stored backup unseal keys.' },
    {
      name: 'backup-retrieve',
      type: 'bool',
      usage:
        'Retrieve the backed-up unseal keys. This option is only available if the PGP keys were provided and the backup has been enabled.',
    },
  ],
  async run(ctx) {
    const { runOperatorRekey } = await import('./rekey-run.js');
    return runOperatorRekey(ctx);
  },
};
