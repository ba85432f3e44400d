import { type CommandContext, type CommandSpec, checkArgs, type ExitCode } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { apiFailure } from './api-failure.js';
import { sysCall } from './sys-api.js';

/** `vault operator step-down` (command/operator_step_down.go). */
async function runOperatorStepDown(ctx: CommandContext): Promise<ExitCode> {
  const bad = checkArgs(ctx, 0, 0);
  if (bad !== undefined) return bad;
  const client = await ctx.client();
  try {
    await sysCall(client, { method: 'PUT', path: 'sys/step-down' }, '');
  } catch (error) {
    return apiFailure(ctx, 'Error stepping down', error);
  }
  ctx.out.info(`Success! Stepped down: ${client.address}`);
  return 0;
}

export const operatorStepDownCommand: CommandSpec = {
  name: 'operator step-down',
  summary: 'Forces Vault to resign active duty',
  usage: 'hvr operator step-down [options]',
  help: [
    'Forces the Vault server at the given address to step down from active duty.',
    'While the affected node will have a delay before attempting to acquire the',
    'leader lock again, if no other Vault nodes acquire the lock beforehand, it',
    'is possible for the same node to re-acquire the lock and become active',
    'again. hvr nodes are not in HA clusters, so this succeeds and changes nothing.',
    '',
    'Force Vault to step down as the leader:',
    '',
    '    $ hvr operator step-down',
  ].join('\n'),
  flags: HTTP_FLAGS,
  run: runOperatorStepDown,
};
