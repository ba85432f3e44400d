import type { Client } from '../../../client/client.js';
import { ResponseError } from '../../../client/errors.js';
import type { JsonObject } from '../../../gocompat/json-value.js';
import type { CommandContext, ExitCode } from '../../command.js';
import type { LeaderInput } from '../../output/seal-status.js';
import { apiFailure } from './api-failure.js';
import { asLeader, asSealStatus } from './seal-status-input.js';
import { leader } from './sys-api.js';

/**
 * Vault's `OutputSealStatus` (command/format.go): asks sys/leader too, treats "Vault is sealed"
 * from it as `ha_enabled: true` (an HA node cannot name its leader while sealed), prints the
 * status table or document, and exits 0 whether or not the node is still sealed.
 */
export async function printSealStatus(
  ctx: CommandContext,
  client: Client,
  status: JsonObject,
): Promise<ExitCode> {
  let lead: LeaderInput;
  try {
    lead = asLeader(await leader(client));
  } catch (error) {
    if (error instanceof ResponseError && error.message.includes('Vault is sealed')) {
      lead = { ha_enabled: true };
    } else {
      apiFailure(ctx, 'Error checking leader status', error);
      return 1;
    }
  }
  ctx.out.status(asSealStatus(status), lead);
  return 0;
}
