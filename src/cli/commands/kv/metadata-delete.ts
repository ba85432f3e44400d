import type { CommandSpec } from '../../command.js';
import { checkArgs } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { mountFlag } from './kv-flags.js';
import { resolveKvTarget, v2Path } from './kv-target.js';

export const kvMetadataDeleteCommand: CommandSpec = {
  name: 'kv metadata delete',
  summary: 'Deletes all versions and metadata for a key in the KV store',
  usage: 'hvr kv metadata delete [options] PATH',
  help: [
    'Deletes all versions and metadata for the provided key.',
    '',
    '    $ hvr kv metadata delete -mount=secret foo',
  ].join('\n'),
  flags: [...HTTP_FLAGS, mountFlag('metadata')],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
    if (typeof target === 'number') return target;
    if (!target.v2) return ctx.out.usageError('Metadata not supported on KV Version 1');
    const fullPath = v2Path(target, 'metadata');
    try {
      await (await ctx.logical()).delete(fullPath, undefined, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error deleting ${fullPath}`, error);
    }
    // Vault prints this line whatever the output format.
    ctx.out.info(`Success! Data deleted (if it existed) at: ${fullPath}`);
    return 0;
  },
};
