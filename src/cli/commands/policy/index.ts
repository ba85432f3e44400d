import type { CommandSpec } from '../../command.js';
import { policyDeleteCommand } from './delete.js';
import { policyFmtCommand } from './fmt.js';
import { policyListCommand } from './list.js';
import { policyReadCommand } from './read.js';
import { policyWriteCommand } from './write.js';

/** The `hvr policy` commands. */
export const policyCommands: readonly CommandSpec[] = [
  policyDeleteCommand,
  policyFmtCommand,
  policyListCommand,
  policyReadCommand,
  policyWriteCommand,
];
