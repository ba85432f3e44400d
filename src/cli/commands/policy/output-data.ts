import type { CommandContext, ExitCode } from '../../command.js';
import { goTrimSpace } from '../../output/go-strings.js';
import { encodeDocument, PRETTY_UNSUPPORTED } from '../../output/render-context.js';
import { YamlConversionError } from '../../output/yaml/marshal.js';

/**
 * Vault's `OutputData` in the document formats for values that are not maps (a policy list,
 * capabilities, the audit table): JSON indented, YAML trimmed, pretty refused (exit 1).
 * Callers print their own table.
 */
export function outputData(ctx: CommandContext, value: unknown): ExitCode {
  const format = ctx.out.format;
  if (format === 'json' || format === 'yaml') {
    try {
      const text = encodeDocument(format, value);
      ctx.out.info(format === 'yaml' ? goTrimSpace(text) : text);
      return 0;
    } catch (error) {
      if (error instanceof YamlConversionError)
        return ctx.out.usageError(`Could not parse output: ${error.message}`);
      throw error;
    }
  }
  return ctx.out.usageError(`Could not parse output: ${PRETTY_UNSUPPORTED}`);
}
