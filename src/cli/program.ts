import { Command, CommanderError } from 'commander';
import type { CommandSpec, Env, ExitCode } from './command.js';
import { curlMode } from './commands/misc/curl-mode.js';
import { buildContext } from './context.js';
import { describeFailure } from './failure.js';
import { scanGlobalFlags } from './global-flags.js';
import { commandHelp, groupHelp, rootHelp, unknownCommand } from './help.js';
import { type StdinSource, stdinSource } from './kv-data.js';
import { resolveOutputFormat } from './output/output.js';
import type { Streams } from './output/streams.js';

export interface ProgramIO {
  readonly env: Env;
  readonly streams: Streams;
  readonly stdin?: NodeJS.ReadableStream;
}

const isHelp = (arg: string) => arg === '-h' || arg === '-help' || arg === '--help';

/**
 * Commander gives hvr its command tree; each command's arguments reach it raw and are parsed
 * with Go's flag rules (flags.ts), so scripts written for `vault` behave the same.
 */
export async function runProgram(
  specs: readonly CommandSpec[],
  argv: readonly string[],
  io: ProgramIO,
): Promise<ExitCode> {
  const { streams, env } = io;
  const args =
    argv.length === 1 && ['-v', '-version', '--version'].includes(argv[0] ?? '') ? ['version'] : [...argv];
  let exit: ExitCode = 0;
  const globals = scanGlobalFlags(args, env);
  const format = resolveOutputFormat(streams, globals.format, {});
  if (!format.ok) return 1;
  // -output-curl-string / -output-policy (Vault's main.go): requests are recorded, not sent;
  // stderr is held back.
  const curl = globals.outputCurlString
    ? curlMode(streams, 'curl')
    : globals.outputPolicy
      ? curlMode(streams, 'policy')
      : undefined;
  const program = new Command('hvr')
    .enablePositionalOptions()
    .exitOverride()
    .helpOption(false)
    .helpCommand(false)
    .allowUnknownOption()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });

  const groups = new Map<string, Command>();
  const groupOf = (words: readonly string[]): Command => {
    let parent = program;
    for (let i = 0; i < words.length; i++) {
      const key = words.slice(0, i + 1).join(' ');
      let group = groups.get(key);
      if (!group) {
        const name = words[i] ?? '';
        group = parent
          .command(name)
          .helpOption(false)
          .helpCommand(false)
          .allowUnknownOption()
          .allowExcessArguments()
          .argument('[args...]')
          .action((rest: string[]) => {
            const sub = rest[0];
            streams.stderr.write(groupHelp(key, specs));
            // Vault's group commands return cli.RunResultHelp (exit 1) unless -h asked for help.
            exit = sub !== undefined && isHelp(sub) ? 0 : 1;
            if (sub !== undefined && !isHelp(sub)) streams.stderr.write(`\nUnknown subcommand: ${sub}\n`);
          });
        groups.set(key, group);
      }
      parent = group;
    }
    return parent;
  };

  const stdin: StdinSource = stdinSource(io.stdin);
  for (const spec of specs) {
    const words = spec.name.split(' ');
    const parent = groupOf(words.slice(0, -1));
    parent
      .command(words[words.length - 1] ?? '')
      .helpOption(false)
      .helpCommand(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .passThroughOptions()
      .argument('[args...]')
      .action(async (raw: string[]) => {
        if (raw.some(isHelp)) {
          streams.stderr.write(commandHelp(spec));
          exit = 0;
          return;
        }
        const ctx = buildContext(spec, raw, { env, streams: curl?.streams ?? streams, stdin, curl, globals });
        if (typeof ctx === 'number') {
          exit = ctx;
          return;
        }
        try {
          exit = await spec.run(ctx);
        } catch (error) {
          exit = describeFailure(error, ctx.out, env);
        } finally {
          await ctx.close();
        }
      });
  }

  if (args.length === 0 || (args.length === 1 && isHelp(args[0] ?? ''))) {
    streams.stderr.write(rootHelp(specs));
    return args.length === 0 ? 1 : 0;
  }
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      streams.stderr.write(rootHelp(specs));
      const word = args.find((a) => !a.startsWith('-'));
      if (word !== undefined) streams.stderr.write(unknownCommand(word, specs));
      return 1;
    }
    throw error;
  }
  return curl ? curl.finish(exit) : exit;
}
