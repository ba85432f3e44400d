import type { CommandSpec } from '../../command.js';
import { completionCommand } from './completion.js';
import { helpCommand } from './help.js';
import { pathHelpCommand } from './path-help.js';

/** Commands that are about hvr itself (`help`, `completion`) and about the API (`path-help`). */
export const miscCommands: readonly CommandSpec[] = [helpCommand, completionCommand, pathHelpCommand];
