import type { Client } from '../../../client/client.js';
import type { CommandSpec, ExitCode } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { flagBool, flagString } from '../../flags.js';
import { requestFailed } from '../request-error.js';

/** An embedded client (see client/embedded.ts) sending its cluster's stored root token. */
const usesEmbeddedRoot = (client: Client): boolean =>
  'rootToken' in client && typeof client.rootToken === 'string' && client.rootToken === client.token;

/** Vault's checks on `token revoke` arguments, in its order; a message, or undefined when fine. */
function badRevokeArgs(self: boolean, accessor: boolean, mode: string, n: number): string | undefined {
  if (self && n > 0) return `Too many arguments with -self (expected 0, got ${n})`;
  if (!self && n > 1) return `Too many arguments (expected 1 or -self, got ${n})`;
  if (!self && n < 1) return `Not enough arguments (expected 1 or -self, got ${n})`;
  if (self && accessor) return 'Cannot use -self with -accessor!';
  if (self && mode !== '') return 'Cannot use -self with -mode!';
  if (accessor && mode !== '') return `Cannot use -accessor with -mode=${mode}!`;
  return undefined;
}

/** `vault token revoke` (command/token_revoke.go): revoke, revoke-orphan, revoke-self, revoke-accessor, revoke-prefix. */
export const tokenRevokeCommand: CommandSpec = {
  name: 'token revoke',
  summary: 'Revoke a token and its children',
  usage: 'hvr token revoke [options] [TOKEN | ACCESSOR]',
  help: [
    'Revokes authentication tokens and their children. If a TOKEN is not provided,',
    'the locally authenticated token is used. The "-mode" flag can be used to',
    'control the behavior of the revocation.',
    '',
    "Revoke a token leaving the token's children:",
    '',
    '    $ hvr token revoke -mode=orphan 96ddf4bc-d217-f3ba-f9bd-017055595017',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    { name: 'accessor', type: 'bool', usage: 'Treat the argument as an accessor instead of a token.' },
    { name: 'self', type: 'bool', usage: 'Perform the revocation on the currently authenticated token.' },
    {
      name: 'mode',
      type: 'string',
      completions: ['orphan', 'path'],
      usage:
        'Type of revocation to perform. If unspecified, the token and all of its children are revoked. If "orphan", only the token is revoked, leaving the children as orphans. If "path", tokens created from the given authentication path prefix are deleted along with their children.',
    },
  ],
  async run(ctx): Promise<ExitCode> {
    const mode = flagString(ctx.flags, 'mode') ?? '';
    if (mode !== '' && mode !== 'orphan' && mode !== 'path')
      return ctx.out.usageError(`Invalid mode: ${mode}`);
    const self = flagBool(ctx.flags, 'self');
    const accessor = flagBool(ctx.flags, 'accessor');
    const bad = badRevokeArgs(self, accessor, mode, ctx.args.length);
    if (bad !== undefined) return ctx.out.usageError(bad);
    const token = (ctx.args[0] ?? '').trim();
    const opts = { headers: ctx.callHeaders() };
    try {
      if (self && usesEmbeddedRoot(await ctx.client())) {
        return ctx.out.usageError(
          "hvr: refusing to revoke the local cluster's root token, which hvr uses when VAULT_TOKEN is unset (the cluster would lock itself out); set VAULT_TOKEN to the token to revoke",
        );
      }
      const api = await ctx.logical();
      if (self) await api.write('auth/token/revoke-self', null, opts);
      else if (accessor) await api.write('auth/token/revoke-accessor', { accessor: token }, opts);
      else if (mode === 'orphan') await api.write('auth/token/revoke-orphan', { token }, opts);
      else if (mode === 'path') await api.write(`sys/leases/revoke-prefix/${token}`, null, opts);
      else await api.write('auth/token/revoke', { token }, opts);
    } catch (error) {
      return requestFailed(ctx, 'Error revoking token', error);
    }
    ctx.out.info('Success! Revoked token (if it existed)');
    return 0;
  },
};
