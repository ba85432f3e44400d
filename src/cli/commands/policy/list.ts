import { type CommandSpec, checkArgs } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { outputData } from '../output-data.js';
import { requestFailed } from '../request-error.js';

/** `vault policy list` (command/policy_list.go): LIST sys/policies/acl, one name a line. */
export const policyListCommand: CommandSpec = {
  name: 'policy list',
  summary: 'Lists the installed policies',
  usage: 'hvr policy list [options]',
  help: 'Lists the names of the policies that are installed on the server.',
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    let policies: string[];
    try {
      const secret = await (await ctx.logical()).list('sys/policies/acl', { headers: ctx.callHeaders() });
      if (secret?.data == null)
        return ctx.out.apiError('Error listing policies: data from server response is empty');
      const keys = secret.data.keys;
      policies = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
    } catch (error) {
      return requestFailed(ctx, 'Error listing policies', error);
    }
    if (ctx.out.format !== 'table') return outputData(ctx, policies);
    for (const policy of policies) ctx.out.info(policy);
    return 0;
  },
};
