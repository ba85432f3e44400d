import type { CommandSpec } from '../../command.js';
import { secretsDisableCommand } from './disable.js';
import { secretsEnableCommand } from './enable.js';
import { secretsListCommand } from './list.js';
import { secretsMoveCommand } from './move.js';
import { secretsTuneCommand } from './tune.js';

/** The `hvr secrets` commands, as Vault's `vault secrets` has them. */
export const secretsCommands: readonly CommandSpec[] = [
  secretsDisableCommand,
  secretsEnableCommand,
  secretsListCommand,
  secretsMoveCommand,
  secretsTuneCommand,
];
