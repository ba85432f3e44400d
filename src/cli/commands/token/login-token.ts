import { ClientError } from '../../../client/errors.js';
import { logical } from '../../../client/logical.js';
import type { Secret } from '../../../client/secret.js';
import { parseGoBool } from '../../../gocompat/parse-bool.js';
import type { CommandContext } from '../../command.js';
import { HiddenInputError, readHidden } from './hidden-input.js';
import { emptySecret, LoginError, type LoginHandler } from './login-handler.js';

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;

function stringMap(value: unknown): Record<string, string> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

/** api.Secret's TokenID/TokenPolicies/…: a lookup answer dressed as an auth method's answer. */
function authFromLookup(lookup: Secret): Secret {
  const data = lookup.data ?? {};
  const tokenPolicies = strings(data.policies);
  const identityPolicies = strings(data.identity_policies);
  const ttl = typeof data.ttl === 'number' ? data.ttl : Number.parseInt(String(data.ttl ?? '0'), 10) || 0;
  return {
    ...emptySecret(),
    auth: {
      client_token: typeof data.id === 'string' ? data.id : '',
      accessor: typeof data.accessor === 'string' ? data.accessor : '',
      policies:
        tokenPolicies === null && identityPolicies === null
          ? null
          : [...(tokenPolicies ?? []), ...(identityPolicies ?? [])],
      token_policies: tokenPolicies,
      identity_policies: identityPolicies,
      metadata: stringMap(data.metadata) ?? stringMap(data.meta),
      lease_duration: ttl,
      renewable: data.renewable === true || data.renewable === 'true',
    },
  };
}

async function promptForToken(ctx: CommandContext): Promise<string> {
  try {
    return await readHidden('Token (will be hidden): ', ctx.streams);
  } catch (error) {
    if (!(error instanceof HiddenInputError)) throw error;
    if (error.reason === 'interrupted') throw new LoginError('user interrupted');
    throw new LoginError(
      'An error occurred attempting to ask for a token. The raw error message is shown below, but usually this is because you attempted to pipe a value into the command or you are executing outside of a terminal (tty). If you want to pipe the value, pass "-" as the argument to read from stdin. The raw error was: ' +
        error.message,
    );
  }
}

/** builtin/credential/token/cli.go: verify the token with lookup-self (unless lookup=false). */
export const tokenLoginHandler: LoginHandler = {
  async auth(ctx, config, nonInteractive) {
    let lookup = true;
    if (config.lookup !== undefined) {
      const parsed = parseGoBool(config.lookup);
      if (parsed === undefined) {
        throw new LoginError(
          `Failed to parse "lookup" as boolean: strconv.ParseBool: parsing "${config.lookup}": invalid syntax`,
        );
      }
      lookup = parsed;
    }
    let token = config.token;
    if (token === undefined) {
      if (nonInteractive) throw new LoginError("'token' not supplied and refusing to pull from stdin");
      token = await promptForToken(ctx);
    }
    token = token.trim();
    if (token === '')
      throw new LoginError('a token must be passed to auth, please view the help for more information');
    if (!lookup) {
      const secret = emptySecret();
      return {
        ...secret,
        auth: {
          client_token: token,
          accessor: '',
          policies: null,
          metadata: null,
          lease_duration: 0,
          renewable: false,
        },
      };
    }
    let answer: Secret | null;
    try {
      // The lookup is never wrapped, whatever -wrap-ttl says.
      const api = logical(await ctx.client(), { wrappingLookup: () => undefined });
      answer = await api.read('auth/token/lookup-self', undefined, { token, headers: ctx.callHeaders() });
    } catch (error) {
      if (error instanceof ClientError) throw new LoginError(`error looking up token: ${error.message}`);
      throw error;
    }
    if (answer === null) throw new LoginError('empty response from lookup-self');
    return authFromLookup(answer);
  },
};
