import { ResponseError } from '../../client/errors.js';
import type { CommandContext, ExitCode } from '../command.js';
import { ClientSetupError } from '../failure.js';

/**
 * `Error <doing> <path>: <cause>` with exit 2, as every Vault command prints a failed
 * request; a partial secret that came with the error is printed too (Vault's write does).
 */
export function requestFailed(ctx: CommandContext, doing: string, error: unknown): ExitCode {
  if (error instanceof ClientSetupError) return ctx.out.apiError(error.message);
  if (error instanceof ResponseError) {
    if (error.secret) ctx.out.secret(error.secret);
    return ctx.out.apiError(`${doing}: ${error.message}`);
  }
  if (
    error instanceof Error &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('HVR_CLIENT')
  ) {
    return ctx.out.apiError(`${doing}: ${error.message}`);
  }
  throw error;
}
