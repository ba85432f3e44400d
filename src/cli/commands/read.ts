import { type CommandSpec, sanitizePath } from '../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../common-flags.js';
import { parseDataArgs, toQuery } from '../kv-data.js';
import { requestFailed } from './request-error.js';

export const readCommand: CommandSpec = {
  name: 'read',
  summary: 'Read data and retrieves secrets',
  usage: 'hvr read [options] PATH',
  help: 'Reads data from Vault at the given path. This can be used to read secrets,\ngenerate dynamic credentials, get configuration details, and more.\n\nRead a secret from the static secrets engine:\n\n    $ hvr read secret/my-secret',
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  allowsRaw: true,
  async run(ctx) {
    if (ctx.args.length === 0) return ctx.out.usageError('Not enough arguments (expected 1, got 0)');
    const path = sanitizePath(ctx.args[0] ?? '');
    const query = toQuery(await parseDataArgs(ctx.args.slice(1), ctx.stdin));
    if (ctx.out.format === 'raw') {
      const client = await ctx.client();
      try {
        const res = await client.send({
          method: 'GET',
          path,
          ...(query ? { query } : {}),
          headers: ctx.callHeaders(),
        });
        if (res.status >= 400) return ctx.out.apiError(`Error reading: ${path}: ${res.text}`);
        return ctx.out.raw(res.text);
      } catch (error) {
        return requestFailed(ctx, `Error reading: ${path}`, error);
      }
    }
    let secret: Awaited<ReturnType<Awaited<ReturnType<typeof ctx.logical>>['read']>>;
    try {
      secret = await (await ctx.logical()).read(path, query, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, `Error reading ${path}`, error);
    }
    if (secret === null) return ctx.out.notFound(path);
    return ctx.out.secret(secret);
  },
};
