import type { CommandSpec } from '../../command.js';

/** The `hvr operator` commands (filled in by their own files). */
export const operatorCommands: readonly CommandSpec[] = [];
