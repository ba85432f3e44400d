import type { Secret } from '../../../client/secret.js';
import type { CommandContext, ExitCode } from '../../command.js';

/** A `kv patch` write finished: a secret still to print, or the exit code when all is done. */
export type PatchResult = { readonly secret: Secret } | { readonly code: ExitCode };

/** After a write: the success line for an empty answer, `-field`, or the secret to print. */
export function finishWrite(ctx: CommandContext, path: string, secret: Secret | null): PatchResult {
  if (secret === null) return { code: ctx.out.success(`Success! Data written to: ${path}`) };
  if (ctx.out.fieldName !== undefined) return { code: ctx.out.field(secret, ctx.out.fieldName) };
  return { secret };
}
