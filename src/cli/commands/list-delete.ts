import { type CommandSpec, checkArgs, sanitizePath } from '../command.js';
import { FORMAT_ONLY, HTTP_FLAGS, OUTPUT_FLAGS } from '../common-flags.js';
import { parseDataArgs, toQuery } from '../kv-data.js';
import { requestFailed } from './request-error.js';

export const listCommand: CommandSpec = {
  name: 'list',
  summary: 'List data or secrets',
  usage: 'hvr list [options] PATH',
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    {
      name: 'detailed',
      type: 'bool',
      env: 'VAULT_DETAILED_LISTS',
      usage:
        'Enables additional metadata during some LIST operations (the -detailed anywhere on the line and VAULT_DETAILED are what Vault honours).',
    },
  ],
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
