import type { CommandSpec } from '../../command.js';

/** The `hvr auth` commands (filled in by their own files). */
export const authCommands: readonly CommandSpec[] = [];
