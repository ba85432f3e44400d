import type { JsonObject } from '../../../gocompat/json-value.js';
import type { CommandContext, ExitCode } from '../../command.js';
import { flagBool } from '../../flags.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { apiFailure } from './api-failure.js';
import { PasswordReadError, processTerminal, readPassword } from './password-prompt.js';
import { printSealStatus } from './print-seal-status.js';
import { resetUnseal, unseal } from './sys-api.js';

const PROMPT_FAILED =
  'An error occurred attempting to ask for an unseal key. The raw error message is shown below, but usually this is because you attempted to pipe a value into the unseal command or you are executing outside of a terminal (tty). You should run the unseal command from a terminal for maximum security. If this is not an option, the unseal key can be provided as the first argument to the unseal command. The raw error was:\n\n';

/** `vault operator unseal` (command/operator_unseal.go). */
export async function runOperatorUnseal(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.args.length > 1)
    return ctx.out.usageError(`Too many arguments (expected 1, got ${ctx.args.length})`);
  let key = (ctx.args[0] ?? '').trim();
  const client = await ctx.client();
  if (flagBool(ctx.flags, 'reset')) {
    let status: JsonObject;
    try {
      status = await resetUnseal(client);
    } catch (error) {
      return apiFailure(ctx, 'Error resetting unseal process', error);
    }
    return printSealStatus(ctx, client, status);
  }
  if (key === '') {
    ctx.streams.stdout.write('Unseal Key (will be hidden): ');
    let value: string;
    try {
      value = await readPassword(processTerminal());
    } catch (error) {
      if (!(error instanceof PasswordReadError)) throw error;
      ctx.streams.stdout.write('\n');
      return ctx.out.usageError(wrapAtLengthWithPadding(PROMPT_FAILED + error.message, 0));
    }
    ctx.streams.stdout.write('\n');
    key = value.trim();
  }
  let status: JsonObject;
  try {
    status = await unseal(client, key, flagBool(ctx.flags, 'migrate'));
  } catch (error) {
    return apiFailure(ctx, 'Error unsealing', error);
  }
  return printSealStatus(ctx, client, status);
}
