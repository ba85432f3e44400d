import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { mountFlag } from './kv-flags.js';
import { kvMetadataPath } from './kv-target.js';

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
    const fullPath = await kvMetadataPath(ctx);
    if (typeof fullPath === 'number') return fullPath;
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
