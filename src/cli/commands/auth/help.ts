import { type CommandSpec, checkArgs, sanitizePath } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { isGoMap } from '../../output/go-value.js';
import { requestFailed } from '../request-error.js';

/** The login handlers' Help() texts (builtin/credential/{token,userpass}/cli.go). */
const HANDLER_HELP: Readonly<Record<string, string>> = {
  token: `Usage: hvr login TOKEN [CONFIG K=V...]

  The token auth method allows logging in directly with a token. This
  can be a token from the "token-create" command or API. There are no
  configuration options for this auth method.

  Authenticate using a token:

      $ hvr login 96ddf4bc-d217-f3ba-f9bd-017055595017

  Authenticate but do not lookup information about the token:

      $ hvr login token=96ddf4bc-d217-f3ba-f9bd-017055595017 lookup=false

  This token usually comes from a different source such as the API or via the
  built-in "hvr token create" command.

Configuration:

  token=<string>
      The token to use for authentication. This is usually provided directly
      via the "hvr login" command.

  lookup=<bool>
      Perform a lookup of the token's metadata and policies.`,
  userpass: `Usage: hvr login -method=userpass [CONFIG K=V...]

  The userpass auth method allows users to authenticate using Vault's
  internal user database.

  Authenticate as "sally":

      $ hvr login -method=userpass username=sally
      Password (will be hidden):

  Authenticate as "bob":

      $ hvr login -method=userpass username=bob password=password

Configuration:

  password=<string>
      Password to use for authentication. If not provided, the CLI will prompt
      for this on stdin.

  username=<string>
      Username to use for authentication.`,
};

/** `vault auth help` (command/auth_help.go): a handler's help by type, or by mount path. */
export const authHelpCommand: CommandSpec = {
  name: 'auth help',
  summary: 'Prints usage for an auth method',
  usage: 'hvr auth help [options] TYPE | PATH',
  help: [
    'Prints usage and help for an auth method.',
    '',
    '  - If given a TYPE, this command prints the default help for the',
    '    auth method of that type.',
    '',
    '  - If given a PATH, this command prints the help output for the',
    '    auth method enabled at that path. This path must already',
    '    exist.',
    '',
    'Get usage instructions for the userpass auth method:',
    '',
    '    $ hvr auth help userpass',
    '',
    'Print usage for the auth method enabled at my-method/:',
    '',
    '    $ hvr auth help my-method/',
    '',
    'Each auth method produces its own help output.',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const authType = (ctx.args[0] ?? '').trim();
    let help = HANDLER_HELP[authType];
    if (help === undefined) {
      let auths: Readonly<Record<string, unknown>>;
      try {
        const secret = await (await ctx.logical()).read('sys/auth', undefined, {
          headers: ctx.callHeaders(),
        });
        auths = secret?.data ?? {};
      } catch (error) {
        return requestFailed(ctx, 'Error listing auth methods', error);
      }
      const authPath = `${sanitizePath(ctx.args[0] ?? '')}/`;
      const mount = auths[authPath];
      if (!isGoMap(mount))
        return ctx.out.usageError(`Error retrieving help: unknown auth method: ${authType}`);
      help = typeof mount.type === 'string' ? HANDLER_HELP[mount.type] : undefined;
      if (help === undefined) {
        return ctx.out.apiError(
          `INTERNAL ERROR! Found an auth method enabled at ${authPath}, but its type "${authType}" is not registered in Vault. This is a bug and should be reported. Please open an issue at github.com/hashicorp/vault.`,
        );
      }
    }
    ctx.out.info(help);
    return 0;
  },
};
