import type { CommandSpec } from '../../command.js';

/** The `hvr token` commands (filled in by their own files). */
export const tokenCommands: readonly CommandSpec[] = [];
