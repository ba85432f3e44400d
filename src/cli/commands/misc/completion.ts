import type { CommandSpec } from '../../command.js';

export const completionCommand: CommandSpec = {
  name: 'completion',
  summary: 'Print a shell completion script (hvr)',
  usage: 'hvr completion bash|zsh|fish',
  help: [
    "Prints a completion script for the given shell, made from hvr's command list:",
    "commands, subcommands, each command's flags (with the values of -format) and the",
    'sys/replication paths for read, write and list.',
    '',
    '    $ source <(hvr completion bash)',
    '    $ hvr completion zsh > ~/.zfunc/_hvr   # a directory on $fpath',
    '    $ hvr completion fish > ~/.config/fish/completions/hvr.fish',
  ].join('\n'),
  flags: [],
  local: true,
  async run(ctx) {
    const [shell, ...rest] = ctx.args;
    if (shell === undefined) return ctx.out.usageError('Not enough arguments (expected 1, got 0)');
    if (rest.length > 0) return ctx.out.usageError(`Too many arguments (expected 1, got ${ctx.args.length})`);
    const [{ COMMANDS }, { completionScript, isShell, SHELLS }, { groupSummaryOf }] = await Promise.all([
      import('../../registry.js'),
      import('./completion/render.js'),
      import('./group-summary.js'),
    ]);
    if (!isShell(shell)) {
      return ctx.out.usageError(`Unsupported shell "${shell}": expected one of ${SHELLS.join(', ')}`);
    }
    ctx.streams.stdout.write(completionScript(shell, COMMANDS, groupSummaryOf(COMMANDS)));
    return 0;
  },
};
