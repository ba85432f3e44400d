import type { CommandSpec } from '../../command.js';
import { groupHelp } from '../../help.js';

/**
 * A group's one-line summary (`operator` → "Perform operator-specific tasks"), read from the
 * third line of its help, which is where help.ts puts it.
 */
export const groupSummaryOf =
  (specs: readonly CommandSpec[]) =>
  (group: string): string =>
    (groupHelp(group, specs).split('\n')[2] ?? '').trim();
