import { logical } from '../../../client/logical.js';
import type { Secret } from '../../../client/secret.js';
import { storeToken } from '../../../client/token-helper.js';
import {
  type CommandContext,
  type CommandSpec,
  type ExitCode,
  ensureTrailingSlash,
  sanitizePath,
} from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagBool, flagString } from '../../flags.js';
import { DataArgError } from '../../kv-data.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { requestFailed } from '../request-error.js';
import { certLoginHandler } from './login-cert.js';
import { parseStringArgs } from './login-config.js';
import { LoginError, type LoginHandler } from './login-handler.js';
import { jwtLoginHandler } from './login-jwt.js';
import { tokenLoginHandler } from './login-token.js';
import { userpassLoginHandler } from './login-userpass.js';

const HANDLERS: Readonly<Record<string, LoginHandler>> = {
  cert: certLoginHandler,
  jwt: jwtLoginHandler,
  token: tokenLoginHandler,
  userpass: userpassLoginHandler,
};

const wrap = (text: string): string => wrapAtLengthWithPadding(text, 0);

const BANNER =
  'Success! You are now authenticated. The token information displayed below is already stored in the token helper. You do NOT need to run "vault login" again. Future Vault requests will automatically use this token.';
const ENV_TOKEN_WARNING =
  'WARNING! The VAULT_TOKEN environment variable is set! The value of this variable will take precedence; if this is unwanted please unset VAULT_TOKEN or update its value accordingly.';
const NOT_STORED =
  'The token was not stored in token helper. Set the VAULT_TOKEN environment variable or pass the token below with each request to Vault.';

type Extracted = { readonly secret: Secret; readonly wrapped: boolean } | { readonly error: string };

/** login.go extractToken: the auth answer, unwrapping a wrapped login unless told not to. */
async function extractToken(ctx: CommandContext, secret: Secret, unwrap: boolean): Promise<Extracted> {
  if (secret.auth) return { secret, wrapped: false };
  if (!secret.wrap_info) return { error: 'no auth or wrapping info in response' };
  if (!secret.wrap_info.wrapped_accessor) return { error: 'wrapped response does not contain a token' };
  if (!unwrap) return { secret, wrapped: true };
  const api = logical(await ctx.client(), { wrappingLookup: () => undefined });
  const inner = await api.unwrap(undefined, { token: secret.wrap_info.token });
  if (inner === null) return { error: 'empty response from auth helper' };
  return extractToken(ctx, inner, unwrap);
}

/** `vault login` (command/login.go): authenticate, store the token in the token helper, print it. */
export const loginCommand: CommandSpec = {
  name: 'login',
  summary: 'Authenticate locally',
  usage: 'hvr login [options] [AUTH K=V...]',
  help: [
    'Authenticates users or machines to Vault using the provided arguments. A',
    'successful authentication results in a token - conceptually similar to',
    'a session token on a website. By default, this token is cached on the local',
    'machine (~/.vault-token) for future requests.',
    '',
    'The default auth method is "token". If not supplied via the CLI, hvr will',
    'prompt for input. If the argument is "-", the values are read from stdin.',
    '',
    'The -method flag allows using other auth methods, such as userpass:',
    '',
    '    $ hvr login -method=userpass username=my-username',
    '',
    'hvr: with no VAULT_ADDR the stored token is kept for later use against a server;',
    'embedded local clusters use VAULT_TOKEN or their root token.',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    {
      name: 'method',
      type: 'string',
      default: 'token',
      completions: Object.keys(HANDLERS),
      usage:
        'Type of authentication to use such as "userpass". Note this corresponds to the TYPE, not the enabled path. Use -path to specify the path where the authentication is enabled.',
    },
    {
      name: 'path',
      type: 'string',
      usage:
        'Remote path where the auth method is enabled. This defaults to the TYPE of method (e.g. userpass -> userpass/).',
    },
    {
      name: 'no-store',
      type: 'bool',
      usage:
        'Do not persist the token to the token helper after authentication. The token will only be displayed in the command output.',
    },
    {
      name: 'no-print',
      type: 'bool',
      usage: 'Do not display the token. The token will be still be stored to the configured token helper.',
    },
    {
      name: 'token-only',
      type: 'bool',
      usage: 'Output only the token with no verification. A shortcut for "-field=token -no-store".',
    },
  ],
  async run(ctx): Promise<ExitCode> {
    const tokenOnly = flagBool(ctx.flags, 'token-only');
    const noStore = tokenOnly || flagBool(ctx.flags, 'no-store');
    const noPrint = flagBool(ctx.flags, 'no-print');
    const field = tokenOnly ? 'token' : ctx.out.fieldName;
    if (noStore && noPrint)
      return ctx.out.usageError(wrap('-no-store and -no-print cannot be used together'));

    const method = sanitizePath(flagString(ctx.flags, 'method') ?? '') || 'token';
    const authPath = flagString(ctx.flags, 'path') || ensureTrailingSlash(method);
    const handler = HANDLERS[method];
    if (!handler) {
      return ctx.out.usageError(
        wrap(
          `Unknown auth method: ${method}. Use "vault auth list" to see the complete list of auth methods. Additionally, some auth methods are only available via the HTTP API.`,
        ),
      );
    }
    const nonInteractive = flagBool(ctx.flags, 'non-interactive');
    const args = [...ctx.args];
    if (method === 'token' && args[0] !== undefined && !args[0].includes('=')) args[0] = `token=${args[0]}`;
    let config: Record<string, string>;
    try {
      config = await parseStringArgs(args, ctx.stdin);
    } catch (error) {
      if (error instanceof DataArgError)
        return ctx.out.usageError(`Error parsing configuration: ${error.message}`);
      throw error;
    }
    if (!config.mount && authPath !== '') config.mount = authPath;

    let secret: Secret | null;
    try {
      secret = await handler.auth(ctx, config, nonInteractive);
    } catch (error) {
      if (error instanceof LoginError) return ctx.out.apiError(`Error authenticating: ${error.message}`);
      return requestFailed(ctx, 'Error authenticating', error);
    }
    if (secret === null) return ctx.out.apiError('Vault returned an empty secret');

    let extracted: Extracted;
    try {
      extracted = await extractToken(ctx, secret, !noStore);
    } catch (error) {
      return requestFailed(ctx, 'Error extracting token', error);
    }
    if ('error' in extracted) return ctx.out.apiError(`Error extracting token: ${extracted.error}`);
    secret = extracted.secret;
    if (extracted.wrapped) {
      if (tokenOnly) return ctx.out.field(secret, 'wrapping_token');
      return ctx.out.secret(secret);
    }
    if (!secret.auth) {
      return ctx.out.apiError(
        wrap(
          'Vault returned a secret, but the secret has no authentication information attached. This should never happen and is likely a bug.',
        ),
      );
    }

    if (!noStore) {
      try {
        await storeToken(secret.auth.client_token, ctx.env);
      } catch (error) {
        ctx.out.error(`Error storing token: ${error instanceof Error ? error.message : String(error)}`);
        ctx.out.error(
          `${wrap('Authentication was successful, but the token was not persisted. The resulting token is shown below for your records.')}\n`,
        );
        ctx.out.secret(secret);
        return 2;
      }
      if (ctx.env.VAULT_TOKEN) ctx.out.warn(`${wrap(ENV_TOKEN_WARNING)}\n`);
    } else if (!tokenOnly) {
      ctx.out.warn(`${wrap(NOT_STORED)}\n`);
    }

    if (noPrint) return 0;
    if (field !== undefined) return ctx.out.field(secret, field);
    if (ctx.out.format === 'table') ctx.out.info(`${wrap(BANNER)}\n`);
    return ctx.out.secret(secret);
  },
};
