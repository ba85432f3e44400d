import type { Secret } from '../../../client/secret.js';
import type { CommandContext, CommandSpec, ExitCode } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { flagString } from '../../flags.js';
import { isGoMap } from '../../output/go-value.js';
import { requestFailed } from '../request-error.js';
import { durationFlag } from '../token/duration-flag.js';
import { mountFlag } from './kv-flags.js';
import { resolveKvTarget, v2Path } from './kv-target.js';

type Checked = { readonly meta: Readonly<Record<string, unknown>>; readonly data: unknown } | ExitCode;

/** The pre-reads of Vault's kv rollback: the secret must exist and carry a metadata map. */
async function preRead(ctx: CommandContext, path: string, version?: string): Promise<Checked> {
  let secret: Secret | null;
  try {
    secret = await (await ctx.logical()).read(path, version === undefined ? undefined : { version }, {
      headers: ctx.callHeaders(),
    });
  } catch (error) {
    return requestFailed(ctx, `Error doing pre-read at ${path}`, error);
  }
  if (secret === null || secret.data === null) return ctx.out.apiError(`No value found at ${path}`);
  const meta = secret.data.metadata;
  if (meta === undefined || meta === null)
    return ctx.out.apiError(`No metadata found at ${path}; rollback only works on existing data`);
  if (!isGoMap(meta))
    return ctx.out.apiError(`Metadata found at ${path} is not the expected type (JSON object)`);
  return { meta, data: secret.data.data };
}

/** `vault kv rollback` (command/kv_rollback.go): re-writes an old version with cas = current. */
export const kvRollbackCommand: CommandSpec = {
  name: 'kv rollback',
  summary: 'Rolls back to a previous version of data',
  usage: 'hvr kv rollback [options] KEY',
  help: [
    '*NOTE*: This is only supported for KV v2 engine mounts.',
    '',
    'Restores a given previous version to the current version at the given path.',
    'The value is written as a new version; for instance, if the current version',
    'is 5 and the rollback version is 2, the data from version 2 will become',
    'version 6.',
    '',
    '    $ hvr kv rollback -mount=secret -version=2 foo',
    '',
    'Additional flags and more advanced use cases are detailed below.',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...OUTPUT_FLAGS,
    mountFlag('data'),
    {
      name: 'version',
      type: 'int',
      usage: 'Specifies the version number that should be made current again.',
    },
    {
      name: 'delete-version-after',
      type: 'duration',
      usage:
        'Specifies the length of time before this version is deleted. If not set, the metadata\'s delete-version-after is used. Cannot be greater than the metadata\'s delete-version-after. The delete-version-after is specified as a numeric string with a suffix like "30s" or "3h25m19s".',
    },
  ],
  async run(ctx) {
    const n = ctx.args.length;
    const rawVersion = flagString(ctx.flags, 'version');
    const version = rawVersion === undefined ? undefined : Number.parseInt(rawVersion, 10);
    if (n !== 1) return ctx.out.usageError(`Invalid number of arguments (expected 1, got ${n})`);
    if (version === undefined) return ctx.out.usageError('Version flag must be specified');
    if (version <= 0) return ctx.out.usageError(`Invalid value ${version} for the version flag`);
    const deleteAfter = durationFlag(ctx, 'delete-version-after');
    if (!deleteAfter.ok) return deleteAfter.exit;

    const target = await resolveKvTarget(ctx, ctx.args[0] ?? '');
    if (typeof target === 'number') return target;
    if (!target.v2) return ctx.out.apiError('K/V engine mount must be version 2 for rollback support');
    const path = v2Path(target, 'data');

    const current = await preRead(ctx, path);
    if (typeof current === 'number') return current;
    const old = await preRead(ctx, path, String(version));
    if (typeof old === 'number') return old;
    const deletion = old.meta.deletion_time;
    if (typeof deletion === 'string' && deletion !== '')
      return ctx.out.apiError('Cannot roll back to a version that has been deleted');
    if (old.meta.destroyed === true)
      return ctx.out.apiError('Cannot roll back to a version that has been destroyed');
    if (old.data === undefined || old.data === null)
      return ctx.out.apiError(`No data found at ${path}; rollback only works on existing data`);
    if (!isGoMap(old.data))
      return ctx.out.apiError(`Data found at ${path} is not the expected type (JSON object)`);

    const options: Record<string, unknown> = { cas: current.meta.version };
    if (deleteAfter.seconds > 0) options.delete_version_after = `${deleteAfter.seconds}s`;
    let secret: Secret | null;
    try {
      secret = await (await ctx.logical()).write(
        path,
        { data: old.data, options },
        { headers: ctx.callHeaders() },
      );
    } catch (error) {
      return requestFailed(ctx, `Error writing data to ${path}`, error);
    }
    if (secret === null) return ctx.out.success(`Success! Data written to: ${path}`);
    return ctx.out.secret(secret);
  },
};
