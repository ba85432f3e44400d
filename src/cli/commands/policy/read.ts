import type { Secret } from '../../../client/secret.js';
import { type CommandSpec, checkArgs } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { goTrimSpace } from '../../output/go-strings.js';
import { requestFailed } from '../request-error.js';

/** `vault policy read` (command/policy_read.go): GET sys/policies/acl/NAME, the raw text. */
export const policyReadCommand: CommandSpec = {
  name: 'policy read',
  summary: 'Prints the contents of a policy',
  usage: 'hvr policy read [options] [NAME]',
  help: [
    'Prints the contents and metadata of the policy named NAME. If the policy',
    'does not exist, an error is returned.',
    '',
    'Read the policy named "my-policy":',
    '',
    '    $ hvr policy read my-policy',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const name = (ctx.args[0] ?? '').trim().toLowerCase();
    let secret: Secret | null;
    try {
      secret = await (await ctx.logical()).read(`sys/policies/acl/${name}`, undefined, {
        headers: ctx.callHeaders(),
      });
    } catch (error) {
      return requestFailed(ctx, `Error reading policy named ${name}`, error);
    }
    // api.Sys.GetPolicy: a 404 is "no policy"; an answer without `policy` is an error.
    let rules = '';
    if (secret !== null) {
      if (secret.data === null)
        return ctx.out.apiError(`Error reading policy named ${name}: data from server response is empty`);
      const policy = secret.data.policy;
      if (typeof policy !== 'string')
        return ctx.out.apiError(`Error reading policy named ${name}: no policy found in response`);
      rules = policy;
    }
    if (rules === '') return ctx.out.apiError(`No policy named: ${name}`);
    if (ctx.out.format === 'table') {
      ctx.out.info(goTrimSpace(rules));
      return 0;
    }
    return ctx.out.data({ policy: rules });
  },
};
