import type { CommandSpec } from '../command.js';
import { HTTP_FLAGS } from '../common-flags.js';
import { flagString } from '../flags.js';
import { writeErr, writeOut } from '../output/streams.js';

/**
 * `hvr ui`: the replication UI. For a local (embedded) cluster it serves the node's API and
 * /ui/ on a loopback port until SIGINT/SIGTERM; with a server address it prints that
 * server's /ui/ address.
 */
export const uiCommand: CommandSpec = {
  name: 'ui',
  summary: 'Serve or locate the replication UI',
  usage: 'hvr ui [options]',
  help: 'For a local cluster (no VAULT_ADDR), serves its API and the replication UI at /ui/ on a\nloopback port until interrupted. With a server address, prints where that server serves it.',
  flags: [
    ...HTTP_FLAGS,
    {
      name: 'listen-address',
      type: 'string',
      usage: 'Where to serve a local cluster (default 127.0.0.1:0, a free port).',
    },
  ],
  async run(ctx) {
    const { EmbeddedClient } = await import('../../client/embedded.js');
    const client = await ctx.client();
    if (!(client instanceof EmbeddedClient)) {
      writeOut(ctx.streams, `${client.address.replace(/\/+$/, '')}/ui/\n`);
      return 0;
    }
    const { parseListenAddress } = await import('../../server/node-config.js');
    const { startListener } = await import('../../server/node-listener.js');
    const { routes } = await import('../../server/routes.js');
    let listen: { host: string; port: number };
    try {
      listen = parseListenAddress(flagString(ctx.flags, 'listen-address') || '127.0.0.1:0');
    } catch (error) {
      return ctx.out.usageError((error as Error).message);
    }
    let listener: Awaited<ReturnType<typeof startListener>>;
    try {
      listener = await startListener({ ...listen, handler: routes(client.core, true) });
    } catch (error) {
      writeErr(
        ctx.streams,
        `Error: cannot listen on ${listen.host}:${listen.port}: ${(error as Error).message}\n`,
      );
      return 2;
    }
    writeOut(
      ctx.streams,
      `Replication UI for local cluster "${client.cluster}": ${listener.address}/ui/\nSign in with the token in ${client.paths.rootTokenFile}. Press Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await listener.close();
    return 0;
  },
};
