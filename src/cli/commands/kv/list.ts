import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { flagString } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { mountFlag } from './kv-flags.js';
import { kvPath, resolveKvTarget } from './kv-target.js';

export const kvListCommand: CommandSpec = {
  name: 'kv list',
  summary: 'List data or secrets',
  usage: 'hvr kv list [options] PATH',
  help: [
    "Lists data from Vault's key-value store at the given path.",
    '',
    'List values under the "my-app" folder of the key-value store:',
    '',
    '    $ hvr kv list -mount=secret my-app/',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY, mountFlag('metadata')],
  async run(ctx) {
    const n = ctx.args.length;
    if (n > 1) return ctx.out.usageError(`Too many arguments (expected 1, got ${n})`);
    if (n < 1 && (flagString(ctx.flags, 'mount') ?? '') === '') {
      return ctx.out.usageError(`Not enough arguments (expected 1, got ${n})`);
    }
    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
    if (typeof target === 'number') return target;
    const fullPath = kvPath(target, 'metadata');
    let secret: Secret | null;
    try {
      secret = await (await ctx.logical()).list(fullPath, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error listing ${fullPath}`, error);
    }
    if (secret?.wrap_info && secret.wrap_info.ttl !== 0) return ctx.out.secret(secret);
    const hasKeys = Array.isArray(secret?.data?.keys);
    if (ctx.out.format !== 'table' && (!secret?.data || !hasKeys)) {
      ctx.out.data({});
      return 2;
    }
    if (!secret?.data) return ctx.out.notFound(fullPath);
    if (!hasKeys) return ctx.out.apiError(`No entries found at ${fullPath}`);
    return ctx.out.list(secret);
  },
};
