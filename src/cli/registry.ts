import type { CommandSpec } from './command.js';
import { auditCommands } from './commands/audit/index.js';
import { authCommands } from './commands/auth/index.js';
import { kvCommands } from './commands/kv/index.js';
import { leaseCommands } from './commands/lease/index.js';
import { deleteCommand, listCommand } from './commands/list-delete.js';
import { miscCommands } from './commands/misc/index.js';
import { operatorCommands } from './commands/operator/index.js';
import { policyCommands } from './commands/policy/index.js';
import { readCommand } from './commands/read.js';
import { tokenInspectCommand } from './commands/replication/inspect-token.js';
import { replicationWaitCommand } from './commands/replication/wait.js';
import { secretsCommands } from './commands/secrets/index.js';
import { serverCommand } from './commands/server.js';
import { tokenCommands } from './commands/token/index.js';
import { uiCommand } from './commands/ui.js';
import { statusCommand, unwrapCommand } from './commands/unwrap-status.js';
import { versionCommand } from './commands/version.js';
import { patchCommand, writeCommand } from './commands/write.js';

/** Every command hvr has, in one list: the program, help and completions are made from it. */
export const COMMANDS: readonly CommandSpec[] = [
  readCommand,
  writeCommand,
  patchCommand,
  listCommand,
  deleteCommand,
  unwrapCommand,
  statusCommand,
  serverCommand,
  versionCommand,
  ...tokenCommands,
  ...policyCommands,
  ...secretsCommands,
  ...authCommands,
  ...auditCommands,
  ...kvCommands,
  ...leaseCommands,
  ...operatorCommands,
  ...miscCommands,
  tokenInspectCommand,
  replicationWaitCommand,
  uiCommand,
];
