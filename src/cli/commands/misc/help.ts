import type { CommandSpec } from '../../command.js';

export const helpCommand: CommandSpec = {
  name: 'help',
  summary: 'Print help for hvr or one of its commands',
  usage: 'hvr help [COMMAND...]',
  help: [
    'Prints the list of commands, or the help of one command or group:',
    '',
    '    $ hvr help read',
    '    $ hvr help kv get',
  ].join('\n'),
  flags: [],
  local: true,
  async run(ctx) {
    const [{ COMMANDS }, { commandHelp, groupHelp, rootHelp }] = await Promise.all([
      import('../../registry.js'),
      import('../../help.js'),
    ]);
    const name = ctx.args.join(' ');
    if (name === '') {
      ctx.streams.stderr.write(rootHelp(COMMANDS));
      return 0;
    }
    const spec = COMMANDS.find((s) => s.name === name);
    if (spec) {
      ctx.streams.stderr.write(commandHelp(spec));
      return 0;
    }
    if (COMMANDS.some((s) => s.name.startsWith(`${name} `))) {
      ctx.streams.stderr.write(groupHelp(name, COMMANDS));
      return 0;
    }
    ctx.streams.stderr.write(rootHelp(COMMANDS));
    ctx.streams.stderr.write(`\nUnknown command: ${name}\n`);
    return 1;
  },
};
