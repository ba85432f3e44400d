import type { CommandContext, ExitCode } from '../command.js';
import { painter } from '../output/colour.js';
import { outputDocument } from '../output/render-context.js';
import { createUi } from '../output/ui.js';

/**
 * Vault's `OutputData` for a value that is not a secret or a map table (a Go struct such as
 * api.GenerateRootStatusResponse, a policy list, capabilities, the audit table), in the
 * JSON/YAML formats only: the callers print their own tables, and -format=raw never gets
 * here (the context refuses it first). Document formats are never coloured, as in Vault.
 */
export function outputData(ctx: CommandContext, value: unknown): ExitCode {
  const ui = createUi(ctx.streams, painter(false), false);
  return outputDocument({ ui, format: ctx.out.format, detailed: false }, value);
}
