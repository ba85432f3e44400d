import { ClientError } from '../client/errors.js';
import type { Env, ExitCode } from './command.js';
import { DataArgError } from './kv-data.js';
import type { Output } from './output/output.js';

/**
 * The client could not be set up (bad VAULT_* setting, unreadable token helper, TLS files):
 * Vault's `c.Client()` failing, which every command prints bare with exit 2, without the
 * `Error reading …:` prefix its request errors get.
 */
export class ClientSetupError extends Error {
  override readonly name = 'ClientSetupError';
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

/**
 * The last word on an error a command did not handle: one line naming the cause, a stack
 * trace only with HVR_LOG_LEVEL=debug. Client errors (unreachable address, TLS, remote
 * answers) exit 2 as Vault's API errors do; local ones exit 1.
 */
export function describeFailure(error: unknown, out: Output, env: Env): ExitCode {
  const debug = (env.HVR_LOG_LEVEL ?? env.VAULT_LOG_LEVEL ?? '').toLowerCase() === 'debug';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ClientSetupError) return out.apiError(message);
  if (error instanceof DataArgError) return out.usageError(`Failed to parse K=V data: ${message}`);
  if (debug && error instanceof Error && error.stack) out.error(error.stack);
  if (error instanceof ClientError) {
    if (error.code === 'HVR_CLIENT_CONFIG' || error.code === 'HVR_CLIENT_DATA_DIR')
      return out.usageError(`Error: ${message}`);
    return out.apiError(`Error: ${message}`);
  }
  return out.usageError(`Error: ${message}`);
}
