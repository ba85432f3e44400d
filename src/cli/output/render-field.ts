import type { ExitCode } from './exit-code.js';
import { goQuote } from './go-quote.js';
import { goSprint } from './go-sprint.js';
import { encodeDocument, type RenderContext } from './render-context.js';
import { YamlConversionError } from './yaml/marshal.js';

/**
 * `PrintRawField` once the value is found (`undefined` = not present, exit 1): `%v` for
 * table/raw, the JSON or YAML encoding otherwise (untrimmed), nothing for pretty; printed
 * with `PrintRaw`, so without a newline unless stdout is a terminal.
 */
export function printRawField(ctx: RenderContext, value: unknown, name: string): ExitCode {
  if (value === undefined || value === null) {
    ctx.ui.error(`Field ${goQuote(name)} not present in secret`);
    return 1;
  }
  if (ctx.format === 'table' || ctx.format === 'raw') {
    ctx.ui.printRaw(goSprint(value));
    return 0;
  }
  if (ctx.format === 'pretty') {
    ctx.ui.printRaw('');
    return 0;
  }
  try {
    ctx.ui.printRaw(encodeDocument(ctx.format, value));
    return 0;
  } catch (error) {
    if (!(error instanceof YamlConversionError)) throw error;
    ctx.ui.error(`Error formatting output: ${error.message}`);
    return 1;
  }
}
