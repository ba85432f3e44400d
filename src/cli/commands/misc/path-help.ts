import {
  type CommandContext,
  type CommandSpec,
  checkArgs,
  type ExitCode,
  sanitizePath,
} from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { apiFailure } from '../operator/api-failure.js';
import { sysCall } from '../operator/sys-api.js';
import { outputData } from '../output-data.js';

/** `vault path-help PATH` (command/path_help.go): the help operation's text, or its document. */
async function runPathHelp(ctx: CommandContext): Promise<ExitCode> {
  const bad = checkArgs(ctx, 1, 1);
  if (bad !== undefined) return bad;
  const path = sanitizePath(ctx.args[0] ?? '');
  let help: Record<string, unknown>;
  try {
    help = await sysCall(await ctx.client(), { method: 'GET', path, query: { help: '1' } }, 'api.Help');
  } catch (error) {
    if (error instanceof Error && error.message.includes('Vault is sealed')) {
      ctx.out.error(
        'Error: Vault is sealed.\n\nThe path-help command requires the Vault to be unsealed so that the mount\npoints of the secret engines are known.',
      );
      return 2;
    }
    return apiFailure(ctx, 'Error retrieving help', error);
  }
  if (ctx.out.format === 'table') {
    ctx.streams.stdout.write(`${String(help.help ?? '')}\n`);
    return 0;
  }
  return outputData(ctx, {
    help: help.help ?? '',
    openapi: help.openapi ?? null,
    see_also: help.see_also ?? null,
  });
}

export const pathHelpCommand: CommandSpec = {
  name: 'path-help',
  summary: 'Retrieve API help for paths',
  usage: 'hvr path-help [options] PATH',
  help: [
    'Retrieves API help for paths. All endpoints in Vault provide built-in help',
    'in markdown format. This includes system paths, secret engines, and auth',
    'methods.',
    '',
    'Get help for the thing mounted at database/:',
    '',
    '    $ hvr path-help database/',
    '',
    'The response object will return additional paths to retrieve help:',
    '',
    '    $ hvr path-help database/roles/',
    '',
    'Each secret engine produces different help output.',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY],
  run: runPathHelp,
};
