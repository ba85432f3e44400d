import type { Secret } from '../../../client/secret.js';
import type { CommandContext } from '../../command.js';

/** An auth method's CLI side (Vault's LoginHandler): turns K=V config into a login answer. */
export interface LoginHandler {
  auth(
    ctx: CommandContext,
    config: Readonly<Record<string, string>>,
    nonInteractive: boolean,
  ): Promise<Secret | null>;
}

/** A handler's failure; login prints `Error authenticating: <message>` and exits 2. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
}

/** An api.Secret with only what a login handler fills in. */
export const emptySecret = (): Secret => ({
  request_id: '',
  lease_id: '',
  lease_duration: 0,
  renewable: false,
  data: null,
  warnings: null,
  auth: null,
  wrap_info: null,
});
