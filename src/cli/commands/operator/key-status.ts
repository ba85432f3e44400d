import { type CommandSpec, checkArgs } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { showKeyStatus } from './key-status-output.js';

/** `vault operator key-status` (command/operator_key_status.go): GET sys/key-status. */
export const operatorKeyStatusCommand: CommandSpec = {
  name: 'operator key-status',
  summary: 'Provides information about the active encryption key',
  usage: 'hvr operator key-status [options]',
  help: [
    'Provides information about the active encryption key. Specifically,',
    'the current key term and the key installation time.',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    return showKeyStatus(ctx);
  },
};
