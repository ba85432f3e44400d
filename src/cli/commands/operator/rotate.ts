import { type CommandSpec, checkArgs } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { showKeyStatus } from './key-status-output.js';
import { sysCall } from './sys-api.js';

/** `vault operator rotate` (command/operator_rotate.go): PUT sys/rotate, then the key status. */
export const operatorRotateCommand: CommandSpec = {
  name: 'operator rotate',
  summary: 'Rotates the underlying encryption key',
  usage: 'hvr operator rotate [options]',
  help: [
    'Rotates the underlying encryption key which is used to secure data written',
    'to the storage backend. This installs a new key in the key ring. This new',
    'key is used to encrypted new data, while older keys in the ring are used to',
    'decrypt older data.',
    '',
    'This is an online operation and does not cause downtime. This command is run',
    'per-cluster (not per-server), since Vault servers in HA mode share the same',
    'storage backend.',
    '',
    "Rotate Vault's encryption key:",
    '',
    '    $ hvr operator rotate',
    '',
    'For a full list of examples, please see the documentation.',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    try {
      await sysCall(
        await ctx.client(),
        { method: 'PUT', path: 'sys/rotate', headers: ctx.callHeaders() },
        '',
      );
    } catch (error) {
      return requestFailed(ctx, 'Error rotating key', error);
    }
    return showKeyStatus(ctx, 'Success! Rotated key');
  },
};
