import { type CommandContext, checkArgs, type ExitCode } from '../../command.js';
import { apiFailure } from './api-failure.js';
import { seal } from './sys-api.js';

/** `vault operator seal` (command/operator_seal.go). */
export async function runOperatorSeal(ctx: CommandContext): Promise<ExitCode> {
  const bad = checkArgs(ctx, 0, 0);
  if (bad !== undefined) return bad;
  try {
    await seal(await ctx.client());
  } catch (error) {
    return apiFailure(ctx, 'Error sealing', error);
  }
  ctx.out.info('Success! Vault is sealed.');
  return 0;
}
