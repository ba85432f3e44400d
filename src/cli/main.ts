import { indexedCommand } from './command-index.js';
import { versionLine } from './version.js';

const VERSION_ARGS = new Set(['version', '-v', '-version', '--version']);

/**
 * The CLI entry point: argv in, exit code out (bin/hvr.js sets process.exitCode). `hvr
 * version` answers before the command tree loads, so shell loops pay only for Node itself.
 */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 1 && VERSION_ARGS.has(argv[0] ?? '')) {
    process.stdout.write(`${versionLine()}\n`);
    return 0;
  }
  // A command scripts run in loops loads alone (command-index.ts); anything else, the registry.
  const indexed = await indexedCommand(argv);
  const [{ processStreams }, { runProgram }, specs] = await Promise.all([
    import('./output/streams.js'),
    import('./program.js'),
    indexed ? [indexed] : import('./registry.js').then((m) => m.COMMANDS),
  ]);
  return runProgram(specs, argv, { env: process.env, streams: processStreams(), stdin: process.stdin });
}
