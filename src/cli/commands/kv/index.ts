import type { CommandSpec } from '../../command.js';
import { kvDeleteCommand } from './delete.js';
import { kvEnableVersioningCommand } from './enable-versioning.js';
import { kvGetCommand } from './get.js';
import { kvListCommand } from './list.js';
import { kvMetadataDeleteCommand } from './metadata-delete.js';
import { kvMetadataGetCommand } from './metadata-get.js';
import { kvMetadataPatchCommand, kvMetadataPutCommand } from './metadata-write.js';
import { kvPatchCommand } from './patch.js';
import { kvPutCommand } from './put.js';
import { kvRollbackCommand } from './rollback.js';
import { kvDestroyCommand, kvUndeleteCommand } from './versions-write.js';

/** The `hvr kv` commands, as Vault's `vault kv` has them. */
export const kvCommands: readonly CommandSpec[] = [
  kvDeleteCommand,
  kvDestroyCommand,
  kvEnableVersioningCommand,
  kvGetCommand,
  kvListCommand,
  kvMetadataDeleteCommand,
  kvMetadataGetCommand,
  kvMetadataPatchCommand,
  kvMetadataPutCommand,
  kvPatchCommand,
  kvPutCommand,
  kvRollbackCommand,
  kvUndeleteCommand,
];
