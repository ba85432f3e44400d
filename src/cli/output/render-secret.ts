import type { Secret } from '../../client/secret.js';
import type { ExitCode } from './exit-code.js';
import { outputDocument, type RenderContext } from './render-context.js';
import { secretDocument } from './secret-document.js';
import { dataRows, keyValueTable, secretRows } from './secret-table.js';
import { warningLines } from './warnings.js';

/** `TableFormatter.PrintWarnings`. */
export function printWarnings(ctx: RenderContext, warnings: readonly string[] | null | undefined): void {
  for (const line of warningLines(warnings)) ctx.ui.warn(line);
}

/** `OutputSecret`: the table (warnings on stderr first) or the whole `api.Secret` document. */
export function outputSecret(ctx: RenderContext, secret: Secret): ExitCode {
  if (ctx.format !== 'table') return outputDocument(ctx, secretDocument(secret));
  printWarnings(ctx, secret.warnings);
  const table = keyValueTable(secretRows(secret));
  if (table !== undefined) ctx.ui.output(table);
  return 0;
}

/** `OutputData` for a map: `OutputMap` in a table (no lease, auth, wrap rows, no warnings). */
export function outputMap(ctx: RenderContext, data: Readonly<Record<string, unknown>> | null): ExitCode {
  if (ctx.format !== 'table') return outputDocument(ctx, data);
  const table = keyValueTable(dataRows(data));
  if (table !== undefined) ctx.ui.output(table);
  return 0;
}
