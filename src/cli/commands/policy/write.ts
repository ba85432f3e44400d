import { type CommandSpec, checkArgs } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { DataArgError } from '../../kv-data.js';
import { requestFailed } from '../request-error.js';
import { readText } from './read-source.js';

/** `vault policy write` (command/policy_write.go): PUT sys/policies/acl/NAME {policy}. */
export const policyWriteCommand: CommandSpec = {
  name: 'policy write',
  summary: 'Uploads a named policy from a file',
  usage: 'hvr policy write [options] NAME PATH',
  help: [
    'Uploads a policy with name NAME from the contents of a local file PATH or',
    'stdin. If PATH is "-", the policy is read from stdin. Otherwise, it is',
    'loaded from the file at the given path on the local disk.',
    '',
    'Upload a policy from stdin:',
    '',
    '    $ cat my-policy.hcl | hvr policy write my-policy -',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const bad = checkArgs(ctx, 2, 2);
    if (bad !== undefined) return bad;
    const given = ctx.args[0] ?? '';
    // Policy names are normalized to lower case.
    const name = given.toLowerCase().trim();
    const path = (ctx.args[1] ?? '').trim();
    let rules: string;
    if (path === '-') {
      try {
        rules = (await ctx.stdin.readAll()) ?? '';
      } catch (error) {
        if (error instanceof DataArgError) return ctx.out.apiError(`Error reading policy: ${error.message}`);
        throw error;
      }
    } else {
      const read = await readText(path);
      if ('error' in read) return ctx.out.apiError(`Error opening policy file: ${read.error}`);
      rules = read.text;
    }
    try {
      await (await ctx.logical()).write(
        `sys/policies/acl/${name}`,
        { policy: rules },
        { headers: ctx.callHeaders() },
      );
    } catch (error) {
      return requestFailed(ctx, 'Error uploading policy', error);
    }
    if (given !== name) ctx.out.error(`Policy name was converted from "${given}" to "${name}"`);
    ctx.out.info(`Success! Uploaded policy: ${name}`);
    return 0;
  },
};
