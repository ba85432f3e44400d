import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';

/**
 * `vault print token` (command/print_token.go): the token the next command would send, after
 * the token helper and VAULT_TOKEN (embedded: the cluster's root token unless VAULT_TOKEN is
 * set). It is what `-output-curl-string`'s `$(vault print token)` placeholder runs.
 */
export const printTokenCommand: CommandSpec = {
  name: 'print token',
  summary: 'Prints the vault token currenty in use',
  usage: 'hvr print token',
  help: [
    'Prints the value of the Vault token that will be used for commands, after',
    'taking into account the configured token-helper and the environment.',
    '',
    '    $ hvr print token',
  ].join('\n'),
  // Vault's command has no flags of its own but its client reads VAULT_ADDR and the rest.
  flags: HTTP_FLAGS,
  async run(ctx) {
    let token: string | undefined;
    try {
      token = (await ctx.client()).token;
    } catch (error) {
      return ctx.out.apiError(error instanceof Error ? error.message : String(error));
    }
    ctx.out.info(token ?? '');
    return 0;
  },
};
