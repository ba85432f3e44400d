import type { CommandSpec } from '../../command.js';
import { completePathsCommand } from './complete-paths.js';
import { completionCommand } from './completion.js';
import { helpCommand } from './help.js';
import { printTokenCommand } from './print-token.js';

/** Commands that are about hvr itself: `help` and `completion`. */
export const miscCommands: readonly CommandSpec[] = [
  helpCommand,
  completionCommand,
  printTokenCommand,
  completePathsCommand,
];
