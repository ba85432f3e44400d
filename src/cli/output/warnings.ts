import { wrapAtLengthWithPadding } from './text-wrap.js';

/**
 * `TableFormatter.PrintWarnings`: the lines Vault sends to stderr with `ui.Warn`, each of
 * which gets its own newline: the banner (with its blank line), then every warning wrapped
 * at 78 columns with a 2-space pad, each followed by an empty line.
 */
export function warningLines(warnings: readonly string[] | null | undefined): string[] {
  if (!warnings || warnings.length === 0) return [];
  const lines = ['WARNING! The following warnings were returned from Vault:\n'];
  for (const warning of warnings) lines.push(wrapAtLengthWithPadding(`* ${warning}`, 2), '');
  return lines;
}
