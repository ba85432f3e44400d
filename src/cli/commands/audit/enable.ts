import { type CommandSpec, ensureTrailingSlash } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { flagBool, flagString } from '../../flags.js';
import { DataArgError } from '../../kv-data.js';
import { requestFailed } from '../request-error.js';
import { parseStringArgs } from '../token/login-config.js';

/** `vault audit enable` (command/audit_enable.go): PUT sys/audit/PATH {type, description, options, local}. */
export const auditEnableCommand: CommandSpec = {
  name: 'audit enable',
  summary: 'Enables an audit device',
  usage: 'hvr audit enable [options] TYPE [CONFIG K=V...]',
  help: [
    'Enables an audit device at a given path.',
    '',
    'This command enables an audit device of TYPE. Additional options for',
    'configuring the audit device can be specified after the type in the same',
    'format as the "hvr write" command in key/value pairs.',
    '',
    'For example, to configure the file audit device to write audit logs at the',
    'path "/var/log/audit.log":',
    '',
    '    $ hvr audit enable file file_path=/var/log/audit.log',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    {
      name: 'description',
      type: 'string',
      usage: 'Human-friendly description for the purpose of this audit device.',
    },
    {
      name: 'path',
      type: 'string',
      usage:
        'Place where the audit device will be accessible. This must be unique across all audit devices. This defaults to the "type" of the audit device.',
    },
    {
      name: 'local',
      type: 'bool',
      usage:
        'Mark the audit device as a local-only device. Local devices are not replicated or removed by replication.',
    },
  ],
  async run(ctx) {
    if (ctx.args.length < 1) {
      return ctx.out.usageError(
        "Error enabling audit device: audit type missing. Valid types include 'file', 'socket' and 'syslog'.",
      );
    }
    const type = (ctx.args[0] ?? '').trim();
    const path = ensureTrailingSlash(flagString(ctx.flags, 'path') || type);
    let options: Record<string, string>;
    try {
      options = await parseStringArgs(ctx.args.slice(1), ctx.stdin);
    } catch (error) {
      if (error instanceof DataArgError)
        return ctx.out.usageError(`Failed to parse K=V data: ${error.message}`);
      throw error;
    }
    const body = {
      type,
      description: flagString(ctx.flags, 'description') ?? '',
      options,
      local: flagBool(ctx.flags, 'local'),
    };
    try {
      await (await ctx.logical()).write(`sys/audit/${path}`, body, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, 'Error enabling audit device', error);
    }
    ctx.out.info(`Success! Enabled the ${type} audit device at: ${path}`);
    return 0;
  },
};
