import type { CommandSpec } from '../../command.js';
import { authDisableCommand } from './disable.js';
import { authEnableCommand } from './enable.js';
import { authHelpCommand } from './help.js';
import { authListCommand } from './list.js';
import { authMoveCommand } from './move.js';
import { authTuneCommand } from './tune.js';

/** The `hvr auth` commands, as Vault's `vault auth` has them. */
export const authCommands: readonly CommandSpec[] = [
  authDisableCommand,
  authEnableCommand,
  authHelpCommand,
  authListCommand,
  authMoveCommand,
  authTuneCommand,
];
