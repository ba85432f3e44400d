import type { Secret } from '../../../client/secret.js';
import type { CommandSpec } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { sortGoStrings } from '../../output/go-strings.js';
import { outputData } from '../output-data.js';
import { requestFailed } from '../request-error.js';

const asStrings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : String(v))) : undefined;

/** api.Sys.Capabilities: the list under the path's own key, else the legacy `capabilities` key. */
function capabilitiesIn(secret: Secret | null, path: string): string[] | undefined {
  const data = secret?.data ?? {};
  const own = asStrings(data[path]);
  return own !== undefined && own.length > 0 ? own : (asStrings(data.capabilities) ?? own);
}

/** `vault token capabilities` (command/token_capabilities.go): sys/capabilities[-self]. */
export const tokenCapabilitiesCommand: CommandSpec = {
  name: 'token capabilities',
  summary: 'Print capabilities of a token on a path',
  usage: 'hvr token capabilities [options] [TOKEN] PATH',
  help: [
    'Fetches the capabilities of a token for a given path. If a TOKEN is provided',
    'as an argument, the "/sys/capabilities" endpoint and permission is used. If',
    'no TOKEN is provided, the "/sys/capabilities-self" endpoint and permission',
    'is used with the locally authenticated token.',
    '',
    'List capabilities for the local token on the "secret/foo" path:',
    '',
    '    $ hvr token capabilities secret/foo',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY],
  async run(ctx) {
    const n = ctx.args.length;
    if (n === 0) return ctx.out.usageError('Not enough arguments (expected 1-2, got 0)');
    if (n > 2) return ctx.out.usageError(`Too many arguments (expected 1-2, got ${n})`);
    const [token, path] = n === 1 ? ['', ctx.args[0] ?? ''] : [ctx.args[0] ?? '', ctx.args[1] ?? ''];
    let capabilities: string[] | undefined;
    try {
      const api = await ctx.logical();
      const endpoint = token === '' ? 'sys/capabilities-self' : 'sys/capabilities';
      const secret = await api.write(endpoint, { token, path }, { headers: ctx.callHeaders() });
      if (secret?.data == null)
        return ctx.out.apiError('Error listing capabilities: data from server response is empty');
      capabilities = capabilitiesIn(secret, path);
    } catch (error) {
      return requestFailed(ctx, 'Error listing capabilities', error);
    }
    if (capabilities === undefined) return ctx.out.usageError('No capabilities found');
    if (ctx.out.format !== 'table') return outputData(ctx, capabilities);
    ctx.out.info(sortGoStrings(capabilities).join(', '));
    return 0;
  },
};
