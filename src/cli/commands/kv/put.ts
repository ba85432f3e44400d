import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagString } from '../../flags.js';
import { parseDataArgs } from '../../kv-data.js';
import { requestFailed } from '../request-error.js';
import { intFlag, mountFlag } from './kv-flags.js';
import { kvPath, resolveKvTarget } from './kv-target.js';

export const kvPutCommand: CommandSpec = {
  name: 'kv put',
  summary: 'Sets or updates data in the KV store',
  usage: 'hvr kv put [options] KEY [DATA]',
  help: [
    'Writes the data to the given path in the key-value store. The data can be of',
    'any type.',
    '',
    '    $ hvr kv put -mount=secret foo bar=baz',
    '',
    'The data can also be consumed from a file on disk by prefixing with the "@"',
    'symbol, or read from stdin using the "-" symbol:',
    '',
    '    $ hvr kv put -mount=secret foo @data.json',
    '    $ echo "abcd1234" | hvr kv put -mount=secret foo bar=-',
    '',
    'To perform a Check-And-Set operation, specify the -cas flag with the',
    'appropriate version number corresponding to the key you want to perform',
    'the CAS operation on:',
    '',
    '    $ hvr kv put -mount=secret -cas=1 foo bar=baz',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    {
      name: 'cas',
      type: 'int',
      usage:
        'Specifies to use a Check-And-Set operation. If not set the write will be allowed. If set to 0 a ' +
        'write will only be allowed if the key doesn’t exist. If the index is non-zero the write will ' +
        'only be allowed if the key’s current version matches the version specified in the cas parameter.',
    },
    mountFlag('data'),
  ],
  async run(ctx) {
    if (ctx.args.length < 1)
      return ctx.out.usageError(`Not enough arguments (expected >1, got ${ctx.args.length})`);
    if (ctx.args.length === 1) return ctx.out.usageError('Must supply data');
    const data = await parseDataArgs(ctx.args.slice(1), ctx.stdin);
    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
    if (typeof target === 'number') return target;
    const fullPath = kvPath(target, 'data');
    let body: Record<string, unknown> | null = data;
    if (target.v2) {
      const cas = intFlag(flagString(ctx.flags, 'cas'), -1);
      body = { data, options: cas > -1 ? { cas } : {} };
    }
    let secret: Secret | null;
    try {
      secret = await (await ctx.logical()).write(fullPath, body, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error writing data to ${fullPath}`, error);
    }
    if (secret === null) return ctx.out.success(`Success! Data written to: ${fullPath}`);
    return ctx.out.kvWritten(secret, { path: fullPath, outputWrapped: true });
  },
};
