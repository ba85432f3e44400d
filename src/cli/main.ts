import { Command, CommanderError } from 'commander';
import { normalizeFlags } from './argv.js';
import { processStreams, writeErr, writeOut } from './output/streams.js';
import { versionLine } from './version.js';

/** Builds the commander program; heavy modules load only when their command runs. */
export async function main(argv: readonly string[]): Promise<number> {
  const streams = processStreams();
  let exitCode = 0;
  const program = new Command('hvr')
    .description('A Vault-compatible CLI and node, with DR and performance replication')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => writeOut(streams, s),
      writeErr: (s) => writeErr(streams, s),
    });

  program
    .command('version')
    .description('Prints the version')
    .action(() => {
      writeOut(streams, `${versionLine()}\n`);
    });

  program
    .command('server')
    .description('Start an hvr node')
    .option('--dev', 'in-memory, initialised and unsealed development node')
    .option('--dev-root-token-id <id>', 'the root token id in dev mode')
    .option('--dev-listen-address <addr>', 'address to bind in dev mode', undefined)
    .option('--dev-no-store-token', 'do not write the root token to ~/.vault-token')
    .option('--dev-kv-v1', 'mount secret/ as KV version 1')
    .option('--config <file>', 'path to an HCL or JSON configuration file')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const { runServer } = await import('./commands/server.js');
      exitCode = await runServer(
        {
          dev: opts.dev === true,
          ...(typeof opts.devRootTokenId === 'string' ? { devRootTokenId: opts.devRootTokenId } : {}),
          ...(typeof opts.devListenAddress === 'string' ? { devListenAddress: opts.devListenAddress } : {}),
          devNoStoreToken: opts.devNoStoreToken === true,
          devKvV1: opts.devKvV1 === true,
          ...(typeof opts.config === 'string' ? { config: opts.config } : {}),
        },
        process.env,
        streams,
      );
    });

  try {
    await program.parseAsync(normalizeFlags(argv), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 1;
    }
    throw error;
  }
  return exitCode;
}
