import { type CommandSpec, checkArgs } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';

/** `vault policy delete` (command/policy_delete.go): DELETE sys/policies/acl/NAME. */
export const policyDeleteCommand: CommandSpec = {
  name: 'policy delete',
  summary: 'Deletes a policy by name',
  usage: 'hvr policy delete [options] NAME',
  help: [
    'Deletes the policy named NAME. Once the policy is deleted, all tokens',
    'associated with the policy are affected immediately.',
    '',
    'Note that it is not possible to delete the "default" or "root" policies.',
    'These are built-in policies.',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const name = (ctx.args[0] ?? '').toLowerCase().trim();
    try {
      await (await ctx.logical()).delete(`sys/policies/acl/${name}`, undefined, {
        headers: ctx.callHeaders(),
      });
    } catch (error) {
      return requestFailed(ctx, `Error deleting ${name}`, error);
    }
    ctx.out.info(`Success! Deleted policy: ${name}`);
    return 0;
  },
};
