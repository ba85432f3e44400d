import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { checkArgs } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagString } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { intFlag, mountFlag } from './kv-flags.js';
import { kvPath, resolveKvTarget } from './kv-target.js';

export const kvGetCommand: CommandSpec = {
  name: 'kv get',
  summary: 'Retrieves data from the KV store',
  usage: 'hvr kv get [options] KEY',
  help: [
    "Retrieves the value from Vault's key-value store at the given key name. If no",
    'key exists with that name, an error is returned. If a key exists with that',
    'name but has no data, nothing is returned.',
    '',
    '    $ hvr kv get -mount=secret foo',
    '',
    'To view the given key name at a specific version in time, specify the "-version"',
    'flag:',
    '',
    '    $ hvr kv get -mount=secret -version=1 foo',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    { name: 'version', type: 'int', usage: 'If passed, the value at the version number will be returned.' },
    mountFlag('data'),
  ],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '', { trimLeadingOnly: true });
    if (typeof target === 'number') return target;
    const fullPath = kvPath(target, 'data');
    const version = intFlag(flagString(ctx.flags, 'version'), 0);
    const query = target.v2 && version > 0 ? { version: String(version) } : undefined;
    let secret: Secret | null;
    try {
      secret = await (await ctx.logical()).read(fullPath, query, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error reading ${fullPath}`, error);
    }
    if (secret === null) return ctx.out.notFound(fullPath);
    return ctx.out.kvGet(secret, { path: fullPath, v2: target.v2 });
  },
};
