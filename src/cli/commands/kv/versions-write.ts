import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { checkArgs } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { flagList } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { mountFlag, parseVersions, versionsFlag } from './kv-flags.js';
import { resolveKvTarget, v2Path } from './kv-target.js';

interface VersionsCommand {
  readonly verb: 'undelete' | 'destroy';
  readonly summary: string;
  readonly help: string;
}

/** `kv undelete` and `kv destroy`: POST `<mount>/<verb>/<path>` with `versions`; v2 only. */
function versionsWrite({ verb, summary, help }: VersionsCommand): CommandSpec {
  const title = verb === 'undelete' ? 'Undelete' : 'Destroy';
  return {
    name: `kv ${verb}`,
    summary,
    usage: `hvr kv ${verb} [options] KEY`,
    help,
    flags: [...HTTP_FLAGS, ...FORMAT_ONLY, versionsFlag(verb), mountFlag('data')],
    async run(ctx) {
      const bad = checkArgs(ctx, 1, 1);
      if (bad !== undefined) return bad;
      const versions = parseVersions(flagList(ctx.flags, 'versions'));
      if (flagList(ctx.flags, 'versions').length === 0) {
        return ctx.out.usageError(
          `No versions provided, use the "-versions" flag to specify the version to ${verb}.`,
        );
      }
      const target = await resolveKvTarget(ctx, ctx.args[0] ?? '', { mountFromFlag: verb === 'undelete' });
      if (typeof target === 'number') return target;
      if (!target.v2) return ctx.out.usageError(`${title} not supported on KV Version 1`);
      const path = v2Path(target, verb);
      let secret: Secret | null;
      try {
        secret = await (await ctx.logical()).write(path, { versions }, { headers: ctx.callHeaders() });
      } catch (error) {
        return requestFailed(ctx, `Error writing data to ${path}`, error);
      }
      if (secret === null) return ctx.out.success(`Success! Data written to: ${path}`);
      return ctx.out.secret(secret);
    },
  };
}

export const kvUndeleteCommand = versionsWrite({
  verb: 'undelete',
  summary: 'Undeletes versions in the KV store',
  help: [
    'Undeletes the data for the provided version and path in the key-value store.',
    'This restores the data, allowing it to be returned on get requests.',
    '',
    'To undelete version 3 of key "foo":',
    '',
    '    $ hvr kv undelete -mount=secret -versions=3 foo',
  ].join('\n'),
});

export const kvDestroyCommand = versionsWrite({
  verb: 'destroy',
  summary: 'Permanently removes one or more versions in the KV store',
  help: [
    "Permanently removes the specified versions' data from the key-value store. If",
    'no key exists at the path, no action is taken.',
    '',
    'To destroy version 3 of key foo:',
    '',
    '    $ hvr kv destroy -mount=secret -versions=3 foo',
  ].join('\n'),
});
