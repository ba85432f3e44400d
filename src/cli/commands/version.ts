import type { CommandSpec } from '../command.js';
import { versionLine } from '../version.js';

export const versionCommand: CommandSpec = {
  name: 'version',
  summary: 'Prints the Vault CLI version',
  usage: 'hvr version',
  flags: [],
  local: true,
  async run(ctx) {
    ctx.out.info(versionLine());
    return 0;
  },
};
