import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { isGoMap } from '../../output/go-value.js';
import { headerForMap, pathSection } from '../../output/kv-layout.js';
import { requestFailed } from '../request-error.js';
import { mountFlag } from './kv-flags.js';
import { kvMetadataPath } from './kv-target.js';

export const kvMetadataGetCommand: CommandSpec = {
  name: 'kv metadata get',
  summary: 'Retrieves key metadata from the KV store',
  usage: 'hvr kv metadata get [options] KEY',
  help: [
    "Retrieves the metadata from Vault's key-value store at the given key name. If no",
    'key exists with that name, an error is returned.',
    '',
    '    $ hvr kv metadata get -mount=secret foo',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY, mountFlag('metadata')],
  async run(ctx) {
    const fullPath = await kvMetadataPath(ctx);
    if (typeof fullPath === 'number') return fullPath;
    let secret: Secret | null;
    try {
      secret = await (await ctx.logical()).read(fullPath, undefined, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error reading ${fullPath}`, error);
    }
    if (secret === null) return ctx.out.notFound(fullPath);
    if (secret.wrap_info || ctx.out.format !== 'table') return ctx.out.secret(secret);
    const versions = secret.data?.versions;
    if (!isGoMap(versions)) {
      ctx.out.notFound(fullPath);
      ctx.out.secret(secret);
      return 2;
    }
    const { versions: _dropped, ...metadata } = secret.data ?? {};
    for (const line of pathSection(fullPath, 'Metadata Path')) ctx.out.info(line);
    ctx.out.info(headerForMap('Metadata', metadata));
    ctx.out.secret({ ...secret, data: metadata });
    const numbers: number[] = [];
    for (const key of Object.keys(versions)) {
      if (!/^[-+]?\d+$/.test(key)) return ctx.out.apiError(`Error parsing version ${key}`);
      numbers.push(Number.parseInt(key, 10));
    }
    for (const n of numbers.sort((a, b) => a - b)) {
      const version = versions[String(n)];
      const fields = isGoMap(version) ? version : {};
      ctx.out.info(`\n${headerForMap(`Version ${n}`, fields)}`);
      ctx.out.data(fields);
    }
    return 0;
  },
};
