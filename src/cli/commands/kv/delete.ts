import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { checkArgs } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagList } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { mountFlag, parseVersions, versionsFlag } from './kv-flags.js';
import { kvPath, resolveKvTarget, v2Path } from './kv-target.js';

export const kvDeleteCommand: CommandSpec = {
  name: 'kv delete',
  summary: 'Deletes versions in the KV store',
  usage: 'hvr kv delete [options] PATH',
  help: [
    'Deletes the data for the provided version and path in the key-value store. The',
    'versioned data will not be fully removed, but marked as deleted and will no',
    'longer be returned in normal get requests.',
    '',
    'To delete the latest version of the key "foo":',
    '',
    '    $ hvr kv delete -mount=secret foo',
    '',
    'To delete version 3 of key foo:',
    '',
    '    $ hvr kv delete -mount=secret -versions=3 foo',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS, versionsFlag('delete'), mountFlag('data')],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
    if (typeof target === 'number') return target;
    const fullPath = kvPath(target, 'data');
    const versions = parseVersions(flagList(ctx.flags, 'versions'));
    let secret: Secret | null;
    try {
      const api = await ctx.logical();
      const opts = { headers: ctx.callHeaders() };
      secret =
        target.v2 && versions.length > 0
          ? await api.write(v2Path(target, 'delete'), { versions }, opts)
          : await api.delete(fullPath, undefined, opts);
    } catch (error) {
      return requestFailed(ctx, `Error deleting ${fullPath}`, error);
    }
    if (secret === null) return ctx.out.success(`Success! Data deleted (if it existed) at: ${fullPath}`);
    return ctx.out.secret(secret);
  },
};
