import type { CommandSpec } from '../../command.js';
import { auditDisableCommand } from './disable.js';
import { auditEnableCommand } from './enable.js';
import { auditListCommand } from './list.js';

/** The `hvr audit` commands. */
export const auditCommands: readonly CommandSpec[] = [
  auditDisableCommand,
  auditEnableCommand,
  auditListCommand,
];
