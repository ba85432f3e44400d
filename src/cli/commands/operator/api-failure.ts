import { ClientError } from '../../../client/errors.js';
import type { CommandContext } from '../../command.js';

/**
 * A failed request as Vault's operator commands print it: `<doing>: <error>` (or the bare
 * error when Vault prints `err.Error()` alone) on stderr, exit 2. Anything that is not a
 * client error (including the -output-curl-string sentinel) goes up to the program.
 */
export function apiFailure(ctx: CommandContext, doing: string | undefined, error: unknown): 2 {
  if (!(error instanceof ClientError)) throw error;
  return ctx.out.apiError(doing === undefined ? error.message : `${doing}: ${error.message}`);
}

/** `c.UI.Warn(text)`: one line on stderr. */
export function warn(ctx: CommandContext, text: string): void {
  ctx.streams.stderr.write(`${text}\n`);
}
