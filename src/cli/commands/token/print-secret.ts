import type { Secret } from '../../../client/secret.js';
import type { CommandContext, ExitCode } from '../../command.js';

/** `OutputSecret` for an answer that may be empty (204): Vault prints nothing and succeeds. */
export const printSecret = (ctx: CommandContext, secret: Secret | null): ExitCode =>
  secret === null ? 0 : ctx.out.secret(secret);
