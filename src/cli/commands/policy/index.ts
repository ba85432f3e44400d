import type { CommandSpec } from '../../command.js';

/** The `hvr policy` commands (filled in by their own files). */
export const policyCommands: readonly CommandSpec[] = [];
