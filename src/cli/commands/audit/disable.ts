import { type CommandSpec, checkArgs, ensureTrailingSlash, sanitizePath } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';

/** `vault audit disable` (command/audit_disable.go): DELETE sys/audit/PATH. */
export const auditDisableCommand: CommandSpec = {
  name: 'audit disable',
  summary: 'Disables an audit device',
  usage: 'hvr audit disable [options] PATH',
  help: [
    'Disables an audit device. Once an audit device is disabled, no future audit',
    'logs are dispatched to it. The data associated with the audit device is not',
    'affected.',
    '',
    'The argument corresponds to the PATH of audit device, not the TYPE!',
    '',
    'Disable the audit device enabled at "file/":',
    '',
    '    $ hvr audit disable file/',
  ].join('\n'),
  flags: HTTP_FLAGS,
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const path = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
    try {
      await (await ctx.logical()).delete(`sys/audit/${path}`, undefined, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, 'Error disabling audit device', error);
    }
    ctx.out.info(`Success! Disabled audit device (if it was enabled) at: ${path}`);
    return 0;
  },
};
