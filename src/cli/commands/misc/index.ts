import type { CommandSpec } from '../../command.js';
import { completePathsCommand } from './complete-paths.js';
import { completionCommand } from './completion.js';
import { helpCommand } from './help.js';
import { pathHelpCommand } from './path-help.js';
import { printTokenCommand } from './print-token.js';

/** Commands about hvr itself (`help`, `completion`, `print token`) and about the API (`path-help`). */
export const miscCommands: readonly CommandSpec[] = [
  helpCommand,
  completionCommand,
  pathHelpCommand,
  printTokenCommand,
  completePathsCommand,
];
