import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';

export const operatorInitCommand: CommandSpec = {
  name: 'operator init',
  summary: 'Initializes a server',
  usage: 'hvr operator init [options]',
  help: [
    "Initializes a Vault server. Initialization is the process by which Vault's",
    'storage backend is prepared to receive data. Since Vault servers share the',
    'same storage backend in HA mode, you only need to initialize one Vault to',
    'initialize the storage backend.',
    '',
    'During initialization, Vault generates an in-memory root key and applies',
    "Shamir's secret sharing algorithm to disassemble that root key into a",
    'configuration number of key shares such that a configurable subset of those',
    'key shares must come together to regenerate the root key. These keys are',
    'often called "unseal keys" in Vault\'s documentation.',
    '',
    'This command cannot be run against an already-initialized Vault cluster.',
    '',
    'Start initialization with the default options:',
    '',
    '    $ hvr operator init',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    {
      name: 'status',
      type: 'bool',
      usage:
        'Print the current initialization status. An exit code of 0 means the Vault is already initialized. An exit code of 1 means an error occurred. An exit code of 2 means the Vault is not initialized.',
    },
    {
      name: 'key-shares',
      aliases: ['n'],
      type: 'int',
      usage:
        'Number of key shares to split the generated root key into. This is the number of "unseal keys" to generate.',
    },
    {
      name: 'key-threshold',
      aliases: ['t'],
      type: 'int',
      usage:
        'Number of key shares required to reconstruct the root key. This must be less than or equal to -key-shares.',
    },
    {
      name: 'pgp-keys',
      type: 'string-slice',
      usage:
        'Comma-separated list of paths to files on disk containing public PGP keys (not supported by hvr nodes).',
    },
    {
      name: 'root-token-pgp-key',
      type: 'string',
      usage:
        'Path to a file on disk containing a public PGP key for the root token (not supported by hvr nodes).',
    },
    {
      name: 'stored-shares',
      type: 'int',
      default: '-1',
      usage: 'DEPRECATED: This flag does nothing. It will be removed in Vault 1.3.',
    },
    {
      name: 'recovery-shares',
      type: 'int',
      usage: 'Number of key shares to split the recovery key into. This is only used in auto-unseal mode.',
    },
    {
      name: 'recovery-threshold',
      type: 'int',
      usage:
        'Number of key shares required to reconstruct the recovery key. This is only used in Auto Unseal mode.',
    },
    {
      name: 'recovery-pgp-keys',
      type: 'string-slice',
      usage:
        'Behaves like -pgp-keys, but for the recovery key shares. This is only used in Auto Unseal mode.',
    },
  ],
  async run(ctx) {
    const { runOperatorInit } = await import('./init-run.js');
    return runOperatorInit(ctx);
  },
};
