import { type CommandSpec, checkArgs, sanitizePath } from '../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS, withDetailedFlag } from '../common-flags.js';
import { parseDataArgs, toQuery } from '../kv-data.js';
import { requestFailed } from './request-error.js';

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'List data or secrets',
  usage: 'hvr list [options] PATH',
  help: [
    'Lists data from Vault at the given path. This can be used to list keys in a,',
    'given secret engine.',
    '',
    'List values under the "my-app" folder of the generic secret engine:',
    '',
    '    $ hvr list secret/my-app/',
    '',
    'For a full list of examples and paths, please see the documentation that',
    'corresponds to the secret engine in use. Not all engines support listing.',
  ].join('\n'),
  flags: withDetailedFlag(
    'Enables additional metadata during some LIST operations (the -detailed anywhere on the line and VAULT_DETAILED are what Vault honours).',
    'VAULT_DETAILED_LISTS',
  ),
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const path = sanitizePath(ctx.args[0] ?? '');
    try {
      const secret = await (await ctx.logical()).list(path, { headers: ctx.callHeaders() });
      return ctx.out.listResponse(secret, path);
    } catch (error) {
      return requestFailed(ctx, `Error listing ${path}`, error);
    }
  },
};

export const deleteCommand: CommandSpec = {
  name: 'delete',
  summary: 'Delete secrets and configuration',
  usage: 'hvr delete [options] PATH',
  help: [
    'Deletes secrets and configuration from Vault at the given path. The behavior',
    'of "delete" is delegated to the backend corresponding to the given path.',
    '',
    'Remove data in the status secret backend:',
    '',
    '    $ hvr delete secret/my-secret',
    '',
    'Uninstall an encryption key in the transit backend:',
    '',
    '    $ hvr delete transit/keys/my-key',
    '',
    'Delete an IAM role:',
    '',
    '    $ hvr delete aws/roles/ops',
    '',
    'For a full list of examples and paths, please see the documentation that',
    'corresponds to the secret backend in use.',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    if (ctx.args.length === 0) return ctx.out.usageError('Not enough arguments (expected 1, got 0)');
    const path = sanitizePath(ctx.args[0] ?? '');
    const query = toQuery(await parseDataArgs(ctx.args.slice(1), ctx.stdin));
    try {
      const secret = await (await ctx.logical()).delete(path, query, { headers: ctx.callHeaders() });
      if (secret && (secret.data || secret.warnings)) return ctx.out.secret(secret);
    } catch (error) {
      return requestFailed(ctx, `Error deleting ${path}`, error);
    }
    return ctx.out.success(`Success! Data deleted (if it existed) at: ${path}`);
  },
};
