import { processStreams } from './output/streams.js';
import { runProgram } from './program.js';
import { COMMANDS } from './registry.js';

/** The CLI entry point: argv in, exit code out (bin/hvr.js sets process.exitCode). */
export async function main(argv: readonly string[]): Promise<number> {
  return runProgram(COMMANDS, argv, { env: process.env, streams: processStreams(), stdin: process.stdin });
}
