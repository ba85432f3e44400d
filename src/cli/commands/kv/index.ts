import type { CommandSpec } from '../../command.js';

/** The `hvr kv` commands (filled in by their own files). */
export const kvCommands: readonly CommandSpec[] = [];
