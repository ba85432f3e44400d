import { isHvrError } from '../../logical/errors.js';
import type { Request } from '../../logical/request.js';
import type { TokenEntry } from '../../logical/token-entry.js';
import type { AuditBroker } from './broker.js';
import { tokenAuditAuth } from './token-auth.js';

/** What of the core a refusal's audit entry needs (the Core satisfies it). */
export interface RefusalAuditDeps {
  readonly audit: AuditBroker;
  readonly barrier: { readonly isSealed: boolean };
  readonly tokens: { lookup(token: string): Promise<TokenEntry | null> };
}

/**
 * handleCancelableRequest: a request CheckToken refuses (bad token, missing permission) is
 * still audited, as a request entry carrying the error (OuterErr). Rethrows the refusal.
 */
export async function auditRefusal(
  deps: RefusalAuditDeps,
  req: Request,
  mountType: string,
  error: unknown,
): Promise<never> {
  const refused =
    isHvrError(error) && (error.code === 'HVR_PERMISSION_DENIED' || error.code === 'HVR_INVALID_TOKEN');
  if (refused && deps.audit.hasDevices() && !deps.barrier.isSealed) {
    const entry = req.token ? await deps.tokens.lookup(req.token) : null;
    const auth = entry
      ? tokenAuditAuth(entry, { policyResults: { allowed: false } })
      : req.token
        ? { clientToken: req.token }
        : undefined;
    const message = error.code === 'HVR_INVALID_TOKEN' ? error.message : 'permission denied';
    await deps.audit.logRequest({ request: req, auth, error: message, mountType });
  }
  throw error;
}
