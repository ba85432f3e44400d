import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';

export const operatorGenerateRootCommand: CommandSpec = {
  name: 'operator generate-root',
  summary: 'Generates a new root token',
  usage: 'hvr operator generate-root [options] [KEY]',
  help: [
    'Generates a new root token by combining a quorum of share holders. One of',
    'the following must be provided to start the root token generation:',
    '',
    '  - A base64-encoded one-time-password (OTP) provided via the "-otp" flag.',
    '    Use the "-generate-otp" flag to generate a usable value. The resulting',
    '    token is XORed with this value when it is returned. Use the "-decode"',
    '    flag to output the final value.',
    '',
    '  - A file containing a PGP key or a keybase username in the "-pgp-key"',
    '    flag. The resulting token is encrypted with this public key.',
    '',
    'An unseal key may be provided directly on the command line as an argument to',
    'the command. If key is specified as "-", the command will read from stdin. If',
    'a TTY is available, the command will prompt for text.',
    '',
    'Generate an OTP code for the final token:',
    '',
    '    $ hvr operator generate-root -generate-otp',
    '',
    'Start a root token generation:',
    '',
    '    $ hvr operator generate-root -init -otp="..."',
    '    $ hvr operator generate-root -init -pgp-key="..."',
    '',
    'Enter an unseal key to progress root token generation:',
    '',
    '    $ hvr operator generate-root -otp="..."',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    {
      name: 'init',
      type: 'bool',
      usage:
        'Start a root token generation. This can only be done if there is not currently one in progress.',
    },
    {
      name: 'cancel',
      type: 'bool',
      usage:
        'Reset the root token generation progress. This will discard any submitted unseal keys or configuration.',
    },
    {
      name: 'status',
      type: 'bool',
      usage: 'Print the status of the current attempt without providing an unseal key.',
    },
    {
      name: 'decode',
      type: 'string',
      usage: 'The value to decode; setting this triggers a decode operation.',
    },
    {
      name: 'generate-otp',
      type: 'bool',
      usage:
        'Generate and print a high-entropy one-time-password (OTP) suitable for use with the "-init" flag.',
    },
    {
      name: 'dr-token',
      type: 'bool',
      usage: 'Set this flag to do generate root operations on DR Operational tokens.',
    },
    {
      name: 'recovery-token',
      type: 'bool',
      usage: 'Set this flag to do generate root operations on Recovery Operational tokens.',
    },
    { name: 'otp', type: 'string', usage: 'OTP code to use with "-decode" or "-init".' },
    {
      name: 'pgp-key',
      type: 'string',
      usage:
        'Path to a file on disk containing a binary or base64-encoded public PGP key. This can also be specified as a Keybase username using the format "keybase:<username>". When supplied, the generated root token will be encrypted and base64-encoded with the given public key.',
    },
    {
      name: 'nonce',
      type: 'string',
      usage:
        'Nonce value provided at initialization. The same nonce value must be provided with each unseal key.',
    },
  ],
  async run(ctx) {
    const { runOperatorGenerateRoot } = await import('./generate-root-run.js');
    return runOperatorGenerateRoot(ctx);
  },
};
