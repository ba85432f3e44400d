import type { CommandSpec } from '../../command.js';

/** The `hvr audit` commands (filled in by their own files). */
export const auditCommands: readonly CommandSpec[] = [];
