import type { CommandSpec } from '../../command.js';

/** The `hvr misc` commands (filled in by their own files). */
export const miscCommands: readonly CommandSpec[] = [];
