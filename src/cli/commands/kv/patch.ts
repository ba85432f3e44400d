import { ResponseError } from '../../../client/errors.js';
import type { Secret } from '../../../client/secret.js';
import type { CommandContext, CommandSpec } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagList, flagString } from '../../flags.js';
import { parseDataArgs } from '../../kv-data.js';
import { requestFailed } from '../request-error.js';
import { intFlag, mountFlag } from './kv-flags.js';
import { resolveKvTarget, v2Path } from './kv-target.js';
import { finishWrite, type PatchResult } from './patch-result.js';
import { readThenWrite } from './patch-rw.js';

export const kvPatchCommand: CommandSpec = {
  name: 'kv patch',
  summary: 'Sets or updates data in the KV store without overwriting',
  usage: 'hvr kv patch [options] KEY [DATA]',
  help: [
    'Writes the data to the corresponding path in the key-value store. The data can be of',
    'any type. Unlike "kv put", existing keys not given are kept.',
    '',
    '    $ hvr kv patch -mount=secret foo bar=baz',
    '',
    'The -method flag picks how: "patch" sends an HTTP PATCH; "rw" reads the secret,',
    'merges locally and writes it back. Without it hvr tries PATCH and falls back to',
    '"rw" when the node refuses PATCH (405) or the token lacks "patch" (403).',
    '',
    '    $ hvr kv patch -mount=secret -method=rw foo bar=baz',
    '',
    'Keys can be removed with -remove-data:',
    '',
    '    $ hvr kv patch -mount=secret -remove-data=bar foo',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    {
      name: 'cas',
      type: 'int',
      usage:
        'Specifies to use a Check-And-Set operation. If set to 0 or not set, the patch will be allowed. ' +
        'If the index is non-zero the patch will only be allowed if the key’s current version matches ' +
        'the version specified in the cas parameter.',
    },
    {
      name: 'method',
      type: 'string',
      usage:
        'Specifies which method of patching to use. If set to "patch", then an HTTP PATCH request will be ' +
        'issued. If set to "rw", then a read will be performed, then a local update, followed by a remote update.',
    },
    mountFlag('data'),
    {
      name: 'remove-data',
      type: 'string-slice',
      usage: 'Key to remove from data. To specify multiple values, specify this flag multiple times.',
    },
  ],
  async run(ctx) {
    const removeData = flagList(ctx.flags, 'remove-data');
    if (ctx.args.length < 1)
      return ctx.out.usageError(`Not enough arguments (expected >1, got ${ctx.args.length})`);
    if (removeData.length === 0 && ctx.args.length === 1) return ctx.out.usageError('Must supply data');
    const parsed = await parseDataArgs(ctx.args.slice(1), ctx.stdin);
    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
    if (typeof target === 'number') return target;
    if (!target.v2) return ctx.out.apiError('K/V engine mount must be version 2 for patch support');
    const fullPath = v2Path(target, 'data');
    const newData: Record<string, unknown> = { ...(parsed ?? {}) };
    // A null in a JSON merge patch removes the key.
    for (const key of removeData) newData[key] = null;

    const method = flagString(ctx.flags, 'method') ?? '';
    let result: PatchResult;
    switch (method) {
      case 'rw':
        result = await readThenWrite(ctx, fullPath, newData);
        break;
      case 'patch':
      case '':
        result = await mergePatch(ctx, fullPath, newData, method === '');
        break;
      default:
        return ctx.out.apiError(`Unsupported method provided to -method flag: ${method}`);
    }
    if ('code' in result) return result.code;
    return ctx.out.kvWritten(result.secret, { path: fullPath, outputWrapped: true });
  },
};

async function mergePatch(
  ctx: CommandContext,
  path: string,
  newData: Record<string, unknown>,
  rwFallback: boolean,
): Promise<PatchResult> {
  const cas = intFlag(flagString(ctx.flags, 'cas'), 0);
  const body = { data: newData, options: cas > 0 ? { cas } : {} };
  let secret: Secret | null;
  try {
    secret = await (await ctx.logical()).patch(path, body, { headers: ctx.callHeaders() });
  } catch (error) {
    // 405: a node without HTTP PATCH; 403: a token without the "patch" capability.
    if (rwFallback && error instanceof ResponseError && error.statusCode === 405) {
      return readThenWrite(ctx, path, newData);
    }
    if (rwFallback && error instanceof ResponseError && error.statusCode === 403) {
      ctx.out.warn(
        `Data was written to ${path} but we recommend that you add the "patch" capability to your ACL policy in order to use HTTP PATCH in the future.`,
      );
      return readThenWrite(ctx, path, newData);
    }
    return { code: requestFailed(ctx, `Error writing data to ${path}`, error) };
  }
  return finishWrite(ctx, path, secret);
}
