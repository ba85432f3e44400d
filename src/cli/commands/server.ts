import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeSecretFile } from '../../client/secret-file.js';
import type { CommandSpec } from '../command.js';
import { flagBool, flagString } from '../flags.js';
import type { Streams } from '../output/streams.js';
import { writeErr, writeOut } from '../output/streams.js';
import { subscribeServerLog } from './server-log.js';

export interface ServerFlags {
  readonly dev: boolean;
  readonly devRootTokenId?: string;
  readonly devListenAddress?: string;
  readonly devNoStoreToken: boolean;
  readonly devKvV1: boolean;
  readonly config?: string;
}

/** `hvr server`: runs a node until SIGINT/SIGTERM, then closes storage cleanly. */
export async function runServer(
  flags: ServerFlags,
  env: Readonly<Record<string, string | undefined>>,
  streams: Streams,
): Promise<number> {
  const { startNode } = await import('../../server/node.js');
  const { parseListenAddress } = await import('../../server/node-config.js');
  const { loadServerConfig } = await import('../../server/config-file.js');
  if (!flags.dev && !flags.config) {
    writeErr(streams, 'Error: must specify at least one config path or use -dev\n');
    return 1;
  }
  let config: import('../../server/node-config.js').NodeConfig;
  try {
    if (flags.dev) {
      const listen = parseListenAddress(
        flags.devListenAddress ?? env.VAULT_DEV_LISTEN_ADDRESS ?? '127.0.0.1:8200',
      );
      const rootTokenId = flags.devRootTokenId ?? env.VAULT_DEV_ROOT_TOKEN_ID;
      config = {
        storage: { kind: 'memory' },
        listener: listen,
        dev: { kv: flags.devKvV1 ? 'v1' : 'v2', ...(rootTokenId ? { rootTokenId } : {}) },
      };
    } else {
      config = loadServerConfig(flags.config ?? '');
    }
  } catch (error) {
    writeErr(streams, `Error loading configuration: ${(error as Error).message}\n`);
    return 1;
  }

  let node: Awaited<ReturnType<typeof startNode>>;
  const unsubscribeLog = subscribeServerLog(streams);
  try {
    node = await startNode(config);
  } catch (error) {
    unsubscribeLog();
    writeErr(streams, `Error initializing core: ${(error as Error).message}\n`);
    return 1;
  }
  const listenerLine = `tcp (addr: "${new URL(node.address).host}", cluster address: "${new URL(node.clusterAddress).host}", max_request_duration: "1m30s", max_request_size: "33554432", tls: "${config.listener.tls ? 'enabled' : 'disabled'}")`;
  const info: Record<string, string> = {
    'Api Address': node.address,
    'Cluster Address': node.clusterAddress,
    'Listener 1': listenerLine,
    'Log Level': 'info',
    Storage: config.storage.kind === 'memory' ? 'inmem' : `sqlite (path: ${config.storage.path})`,
    Version: `Vault v${node.core.version}`,
  };
  writeOut(streams, '==> Vault server configuration:\n\n');
  for (const key of Object.keys(info).sort()) writeOut(streams, `${key.padStart(24)}: ${info[key]}\n`);
  writeOut(streams, '\n==> Vault server started! Log data will stream in below:\n\n');
  if (flags.dev && node.rootToken) {
    if (!flags.devNoStoreToken) {
      try {
        await writeSecretFile(join(env.HOME ?? homedir(), '.vault-token'), node.rootToken);
      } catch (error) {
        writeErr(streams, `Error storing the root token in the token helper: ${(error as Error).message}\n`);
      }
    }
    writeOut(streams, devBanner(node.address, node.unsealKey ?? '', node.rootToken));
  }

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  writeOut(streams, '==> Vault shutdown triggered\n');
  await node.close();
  unsubscribeLog();
  return 0;
}

const devBanner = (address: string, unsealKey: string, rootToken: string) =>
  `WARNING! dev mode is enabled! In this mode, Vault runs entirely in-memory
and starts unsealed with a single unseal key. The root token is already
authenticated to the CLI, so you can immediately begin using Vault.

You may need to set the following environment variables:

    $ export VAULT_ADDR='${address}'

The unseal key and root token are displayed below in case you want to
seal/unseal the Vault or re-authenticate.

Unseal Key: ${unsealKey}
Root Token: ${rootToken}

Development mode should NOT be used in production installations!

`;

export const serverCommand: CommandSpec = {
  name: 'server',
  summary: 'Start a Vault server',
  usage: 'hvr server [options]',
  // command/server.go Help, with hvr's names.
  help: [
    'This command starts a Vault server that responds to API requests. By default,',
    'Vault will start in a "sealed" state. The Vault cluster must be initialized',
    'before use, usually by the "hvr operator init" command. Each Vault server must',
    'also be unsealed using the "hvr operator unseal" command or the API before the',
    'server can respond to requests.',
    '',
    'Start a server with a configuration file:',
    '',
    '    $ hvr server -config=/etc/vault/config.hcl',
    '',
    'Run in "dev" mode:',
    '',
    '    $ hvr server -dev -dev-root-token-id="root"',
    '',
    'For a full list of examples, please see the documentation.',
  ].join('\n'),
  local: true,
  flags: [
    {
      name: 'config',
      type: 'string',
      usage: 'Path to a configuration file (HCL or JSON). hvr reads one file; Vault also takes a directory.',
    },
    {
      name: 'log-level',
      type: 'string',
      env: 'VAULT_LOG_LEVEL',
      usage:
        'Log verbosity level. Supported values (in order of detail) are "trace", "debug", "info", "warn", and "error".',
    },
    {
      name: 'dev',
      type: 'bool',
      section: 'Dev Options',
      usage:
        'Enable development mode. In this mode, Vault runs in-memory and starts unsealed. As the name implies, do not run "dev" mode in production.',
    },
    {
      name: 'dev-root-token-id',
      type: 'string',
      env: 'VAULT_DEV_ROOT_TOKEN_ID',
      section: 'Dev Options',
      usage: 'Initial root token. This only applies when running in "dev" mode.',
    },
    {
      name: 'dev-listen-address',
      type: 'string',
      env: 'VAULT_DEV_LISTEN_ADDRESS',
      section: 'Dev Options',
      usage: 'Address to bind to in "dev" mode (default 127.0.0.1:8200).',
    },
    {
      name: 'dev-no-store-token',
      type: 'bool',
      section: 'Dev Options',
      usage:
        'Do not persist the dev root token to the token helper (usually the local filesystem) for use in future requests. The token will only be displayed in the command output.',
    },
    {
      name: 'dev-kv-v1',
      type: 'bool',
      section: 'Dev Options',
      usage: 'Mount secret/ as KV version 1 instead of version 2 in "dev" mode.',
    },
  ],
  async run(ctx) {
    const config = flagString(ctx.flags, 'config');
    const rootTokenId = flagString(ctx.flags, 'dev-root-token-id');
    const listen = flagString(ctx.flags, 'dev-listen-address');
    return runServer(
      {
        dev: flagBool(ctx.flags, 'dev'),
        devNoStoreToken: flagBool(ctx.flags, 'dev-no-store-token'),
        devKvV1: flagBool(ctx.flags, 'dev-kv-v1'),
        ...(rootTokenId ? { devRootTokenId: rootTokenId } : {}),
        ...(listen ? { devListenAddress: listen } : {}),
        ...(config ? { config } : {}),
      },
      ctx.env,
      ctx.streams,
    ) as Promise<0 | 1>;
  },
};
