import type { ExitCode } from './exit-code.js';
import type { OutputFormat } from './format.js';
import { goMarshalIndent } from './go-json-indent.js';
import { goTrimSpace } from './go-strings.js';
import type { Ui } from './ui.js';
import { goYamlMarshal, YamlConversionError } from './yaml/marshal.js';

/** What every formatter needs: where to write, which format, and `-detailed`. */
export interface RenderContext {
  readonly ui: Ui;
  readonly format: OutputFormat;
  readonly detailed: boolean;
}

/** `outputWithFormat`'s failure: `Could not parse output: <reason>`, exit 1. */
export function formatterFailed(ctx: RenderContext, reason: string): ExitCode {
  ctx.ui.error(`Could not parse output: ${reason}`);
  return 1;
}

export const PRETTY_UNSUPPORTED = 'cannot use the pretty formatter for this type';
export const RAW_ONLY_READ = 'This command does not support the -format=raw option; only `vault read` does.';

/** `Formatter.Format(value)` for the document formats; throws YamlConversionError for YAML. */
export function encodeDocument(format: 'json' | 'yaml', value: unknown): string {
  return format === 'json' ? goMarshalIndent(value) : goYamlMarshal(value);
}

/**
 * The JSON, YAML, pretty and raw branches of `outputWithFormat` for a value that is not raw
 * bytes: JSON indented, YAML trimmed, pretty and raw refused.
 */
export function outputDocument(ctx: RenderContext, value: unknown): ExitCode {
  switch (ctx.format) {
    case 'json':
      ctx.ui.output(encodeDocument('json', value));
      return 0;
    case 'yaml':
      try {
        ctx.ui.output(goTrimSpace(encodeDocument('yaml', value)));
        return 0;
      } catch (error) {
        if (error instanceof YamlConversionError) return formatterFailed(ctx, error.message);
        throw error;
      }
    case 'pretty':
      return formatterFailed(ctx, PRETTY_UNSUPPORTED);
    default:
      return formatterFailed(ctx, RAW_ONLY_READ);
  }
}
