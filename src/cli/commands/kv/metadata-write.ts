import type { Secret } from '../../../client/secret.js';
import { formatGoDuration, parseDurationSeconds } from '../../../gocompat/duration.js';
import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import type { FlagSpec } from '../../flags.js';
import { flagBool, flagList, flagMap, flagString } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { intFlag, mountFlag } from './kv-flags.js';
import { kvMetadataPath } from './kv-target.js';

const COMMON_FLAGS: readonly FlagSpec[] = [
  {
    name: 'max-versions',
    type: 'int',
    usage: 'The number of versions to keep. If not set, the backend’s configured max version is used.',
  },
  {
    name: 'cas-required',
    type: 'bool',
    usage:
      'If true the key will require the cas parameter to be set on all write requests. If false, the ' +
      'backend’s configuration will be used.',
  },
  {
    name: 'delete-version-after',
    type: 'duration',
    usage:
      "Specifies the length of time before a version is deleted. If not set, the backend's configured " +
      "delete-version-after is used. Cannot be greater than the backend's delete-version-after. The " +
      'delete-version-after is specified as a numeric string with a suffix like "30s" or "3h25m19s".',
  },
  {
    name: 'custom-metadata',
    type: 'map',
    usage:
      'Specifies arbitrary version-agnostic key=value metadata meant to describe a secret. This can be ' +
      'specified multiple times to add multiple pieces of metadata.',
  },
];

/** `-delete-version-after`: Vault's DurationVar (bare numbers are seconds, "system" is -1). */
function deleteVersionAfter(raw: string | undefined): number | string {
  if (raw === undefined) return -1;
  const text = raw === 'system' ? '-1' : raw;
  try {
    return parseDurationSeconds(/\d$/.test(text) ? `${text}s` : text);
  } catch (error) {
    return `invalid value "${raw}" for flag -delete-version-after: ${(error as Error).message}`;
  }
}

function metadataWrite(verb: 'put' | 'patch'): CommandSpec {
  return {
    name: `kv metadata ${verb}`,
    summary:
      verb === 'put'
        ? 'Sets or updates key settings in the KV store'
        : 'Patches key settings in the KV store',
    usage: `hvr kv metadata ${verb} [options] KEY`,
    help: [
      verb === 'put'
        ? 'This command can be used to create a blank key in the key-value store or to'
        : 'This command can be used to patch a key in the key-value store, changing only',
      verb === 'put' ? 'update key configuration for a specified key.' : 'the settings given.',
      '',
      `    $ hvr kv metadata ${verb} -mount=secret -max-versions=5 -cas-required foo`,
      '',
      'Custom metadata can be set with repeated -custom-metadata flags:',
      '',
      `    $ hvr kv metadata ${verb} -mount=secret -custom-metadata=owner=ops foo`,
    ].join('\n'),
    flags: [
      ...HTTP_FLAGS,
      ...FORMAT_ONLY,
      ...COMMON_FLAGS,
      ...(verb === 'patch'
        ? [
            {
              name: 'remove-custom-metadata',
              type: 'string-slice' as const,
              usage:
                'Key to remove from custom metadata. To specify multiple values, specify this flag multiple times.',
            },
          ]
        : []),
      mountFlag('metadata'),
    ],
    async run(ctx) {
      const afterSeconds = deleteVersionAfter(flagString(ctx.flags, 'delete-version-after'));
      if (typeof afterSeconds === 'string') return ctx.out.usageError(afterSeconds);
      const fullPath = await kvMetadataPath(ctx);
      if (typeof fullPath === 'number') return fullPath;

      const data: Record<string, unknown> = {};
      const maxVersions = intFlag(flagString(ctx.flags, 'max-versions'), -1);
      if (maxVersions >= 0) data.max_versions = maxVersions;
      if (ctx.flags.given.has('cas-required')) data.cas_required = flagBool(ctx.flags, 'cas-required');
      if (afterSeconds >= 0) data.delete_version_after = formatGoDuration(afterSeconds);
      const custom: Record<string, unknown> = { ...flagMap(ctx.flags, 'custom-metadata') };
      if (verb === 'patch') {
        // A null in a JSON merge patch removes the key.
        for (const key of flagList(ctx.flags, 'remove-custom-metadata')) custom[key] = null;
        data.custom_metadata = custom;
      } else if (Object.keys(custom).length > 0) {
        data.custom_metadata = custom;
      }

      let secret: Secret | null;
      try {
        const api = await ctx.logical();
        const opts = { headers: ctx.callHeaders() };
        secret =
          verb === 'put' ? await api.write(fullPath, data, opts) : await api.patch(fullPath, data, opts);
      } catch (error) {
        return requestFailed(ctx, `Error writing data to ${fullPath}`, error);
      }
      if (secret === null) return ctx.out.success(`Success! Data written to: ${fullPath}`);
      return ctx.out.secret(secret);
    },
  };
}

export const kvMetadataPutCommand = metadataWrite('put');
export const kvMetadataPatchCommand = metadataWrite('patch');
