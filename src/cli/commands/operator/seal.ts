import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';

export const operatorSealCommand: CommandSpec = {
  name: 'operator seal',
  summary: 'Seals the Vault server',
  usage: 'hvr operator seal [options]',
  help: [
    'Seals the Vault server. Sealing tells the Vault server to stop responding',
    'to any operations until it is unsealed. When sealed, the Vault server',
    'discards its in-memory root key to unlock the data, so it is physically',
    'blocked from responding to operations unsealed.',
    '',
    'If an unseal is in progress, sealing the Vault will reset the unsealing',
    'process. Users will have to re-enter their portions of the root key again.',
    '',
    'This command does nothing if the Vault server is already sealed.',
    '',
    'Seal the Vault server:',
    '',
    '    $ hvr operator seal',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const { runOperatorSeal } = await import('./seal-run.js');
    return runOperatorSeal(ctx);
  },
};
