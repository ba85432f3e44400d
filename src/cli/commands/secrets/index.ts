import type { CommandSpec } from '../../command.js';

/** The `hvr secrets` commands (filled in by their own files). */
export const secretsCommands: readonly CommandSpec[] = [];
