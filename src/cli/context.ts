import type { Client, HeaderValue } from '../client/client.js';
import { ClientError } from '../client/errors.js';
import { type Logical, logical } from '../client/logical.js';
import type { CommandContext, CommandSpec, Env, ExitCode } from './command.js';
import type { CurlMode } from './commands/misc/curl-mode.js';
import { ClientSetupError } from './failure.js';
import {
  FlagError,
  flagBool,
  flagList,
  flagMap,
  flagString,
  parseFlags,
  trailingFlagWarning,
} from './flags.js';
import type { GlobalFlags } from './global-flags.js';
import type { StdinSource } from './kv-data.js';
import { createOutput, resolveOutputFormat } from './output/output.js';
import type { Streams } from './output/streams.js';
import { formatWrapTTL } from './wrap-ttl.js';

/** Parses a command's flags and builds its context; an exit code when parsing already failed. */
export interface ContextInput {
  readonly env: Env;
  readonly streams: Streams;
  readonly stdin: StdinSource;
  /** Set under -output-curl-string / -output-policy. */
  readonly curl?: CurlMode | undefined;
  /** What Vault's setupEnv found in the whole argv. */
  readonly globals: GlobalFlags;
}

export function buildContext(
  spec: CommandSpec,
  rawArgs: readonly string[],
  input: ContextInput,
): CommandContext | ExitCode {
  const { env, streams, stdin, curl, globals } = input;
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(spec.flags, rawArgs, env);
  } catch (error) {
    if (error instanceof FlagError) {
      streams.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  // The format comes from the whole argv (setupEnv), so `-format` after the path counts.
  const choice = resolveOutputFormat(streams, globals.format, {});
  if (!choice.ok) return 1;
  const out = createOutput({
    streams,
    format: choice.format,
    detailed: globals.detailed,
    ...(flagString(flags, 'field') ? { field: flagString(flags, 'field') } : {}),
    env,
  });
  if (choice.format === 'raw' && !spec.allowsRaw) return out.rejectRaw() ?? 1;
  const warning = trailingFlagWarning(flags.positionals);
  if (warning && choice.format === 'table') out.warn(warning);

  let client: Promise<Client> | undefined;
  const ctx: CommandContext = {
    env,
    streams,
    stdin,
    flags,
    args: flags.positionals,
    out,
    client: () => {
      client ??= openClient(flags, env, streams, curl).catch((error: unknown) => {
        throw error instanceof ClientError ? new ClientSetupError(error) : error;
      });
      return client;
    },
    logical: async (): Promise<Logical> => {
      const wrapTTL = flagString(flags, 'wrap-ttl');
      return logical(await ctx.client(), {
        wrappingLookup: (operation, path) =>
          wrapTTL
            ? formatWrapTTL(wrapTTL)
            : operation !== 'GET' && path === 'sys/wrapping/wrap'
              ? '5m0s'
              : undefined,
      });
    },
    callHeaders: () => {
      const headers: Record<string, HeaderValue> = {};
      if (flagBool(flags, 'policy-override')) headers['X-Vault-Policy-Override'] = 'true';
      // One header line per credential, as Vault's request.ToHTTP adds them.
      const mfa = flagList(flags, 'mfa');
      if (mfa.length > 0) headers['X-Vault-MFA'] = mfa;
      return headers;
    },
    close: async () => {
      if (!client) return;
      const opened = await client.catch(() => undefined);
      await opened?.close();
    },
  };
  return ctx;
}

async function openClient(
  flags: ReturnType<typeof parseFlags>,
  env: Env,
  streams: Streams,
  curl: CurlMode | undefined,
): Promise<Client> {
  const address = flagString(flags, 'agent-address') ?? flagString(flags, 'address');
  const headers = flagMap(flags, 'header');
  for (const name of Object.keys(headers)) {
    if (/^x-vault-/i.test(name)) {
      throw new ClientError(
        'HVR_CLIENT_CONFIG',
        `failed to setup Headers[${name}]: Header starting by 'X-Vault-' are for internal usage only`,
      );
    }
  }
  const { resolveToken } = await import('../client/token-helper.js');
  // Under -output-curl-string / -output-policy nothing is sent, so an HTTP client (Vault's
  // default address when none is set) only formats requests; the preflights that do reach a
  // node (kv's mount lookup) go to the embedded one when no address is set.
  if (address || curl) {
    const { HttpClient } = await import('../client/http.js');
    const { httpOptionsFromEnv } = await import('../client/http-options.js');
    const fromEnv = httpOptionsFromEnv(env);
    const token = (await resolveToken(env)).token;
    const opt = (name: string) => flagString(flags, name);
    const http = new HttpClient({
      ...fromEnv,
      ...(address ? { address } : {}),
      ...(token ? { token } : {}),
      ...(opt('ca-cert') ? { caCert: opt('ca-cert') } : {}),
      ...(opt('ca-path') ? { caPath: opt('ca-path') } : {}),
      ...(opt('client-cert') ? { clientCert: opt('client-cert') } : {}),
      ...(opt('client-key') ? { clientKey: opt('client-key') } : {}),
      ...(opt('tls-server-name') ? { tlsServerName: opt('tls-server-name') } : {}),
      ...(opt('namespace') ? { namespace: opt('namespace') } : {}),
      tlsSkipVerify: flagBool(flags, 'tls-skip-verify') || fromEnv.tlsSkipVerify === true,
      disableRedirects: flagBool(flags, 'disable-redirects') || fromEnv.disableRedirects === true,
      // Vault's CLI never retries unless VAULT_MAX_RETRIES says so.
      maxRetries: fromEnv.maxRetries ?? 0,
      headers,
    });
    if (!curl) return http;
    return address
      ? curl.wrap(http)
      : curl.wrap(http, () => openEmbeddedClient(flags, env, streams, headers));
  }
  return openEmbeddedClient(flags, env, streams, headers);
}

async function openEmbeddedClient(
  flags: ReturnType<typeof parseFlags>,
  env: Env,
  streams: Streams,
  headers: Record<string, string>,
): Promise<Client> {
  const { openEmbedded } = await import('../client/embedded.js');
  const fromEnv = env.VAULT_TOKEN;
  const embedded = await openEmbedded({
    ...(env.HVR_HOME ? { home: env.HVR_HOME } : {}),
    cluster: flagString(flags, 'cluster') || 'default',
    env,
    ...(fromEnv ? { token: fromEnv } : {}),
    headers,
  });
  if (embedded.created) {
    streams.stderr.write(
      `hvr: created local cluster "${embedded.cluster}" in ${embedded.paths.dir} (no VAULT_ADDR or -address set, so hvr runs the node itself); its unseal key and root token are in ${embedded.paths.unsealKeyFile} and ${embedded.paths.rootTokenFile} (mode 0600) and are used automatically\n`,
    );
  }
  return embedded;
}
