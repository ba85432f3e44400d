import { badRequest, loginPermissionDenied } from '../logical/errors.js';
import type { BackendContext } from '../logical/path-spec.js';
import type { LoginAuth, Request, Response } from '../logical/request.js';
import type { Core } from './core.js';
import { calculateTTL, checkAssignable, checkBoundCIDRs } from './token-params.js';

/** Turns an auth backend's login answer into a token with an auth lease. */
export async function completeLogin(
  core: Core,
  req: Request,
  resp: Response,
  login: LoginAuth,
  ctx: BackendContext,
): Promise<Response> {
  // issue 9, request_handling.go handleLoginResponse: CIDRs, TTL caps and the policies no
  // auth method may hand out apply to every auth backend.
  checkBoundCIDRs(req.remoteAddress, login.boundCIDRs, loginPermissionDenied);
  const addDefault = login.noDefaultPolicy !== true;
  const policies = [...new Set([...(addDefault ? ['default'] : []), ...login.policies])]
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '')
    .sort();
  if (policies.includes('root')) throw badRequest('auth methods cannot create root tokens');
  checkAssignable(policies);
  const { ttl, warnings } = calculateTTL(
    { defaultTTL: ctx.system.defaultLeaseTTL(), maxTTL: ctx.system.maxLeaseTTL() },
    {
      ttl: login.ttl ?? 0,
      period: login.period ?? 0,
      backendMaxTTL: login.maxTTL ?? 0,
      explicitMaxTTL: login.explicitMaxTTL ?? 0,
    },
  );
  const entry = await core.issueToken(req.path, {
    policies: [...new Set(policies)],
    // handleLoginRequest: TrimSuffix(source+DisplayName, "-"), so an empty name gives `approle`.
    displayName: `${ctx.mount.path.replace(/\/$/, '')}-${login.displayName}`
      .replace(/^token-/, '')
      .replace(/-$/, ''),
    meta: login.metadata ?? null,
    ttl,
    explicitMaxTTL: login.explicitMaxTTL ?? 0,
    maxTTL: login.maxTTL ?? 0,
    period: login.period ?? 0,
    numUses: login.numUses ?? 0,
    type: login.tokenType ?? 'service',
    renewable: login.renewable ?? true,
    internalData: login.internalData,
    ...(login.boundCIDRs && login.boundCIDRs.length > 0 ? { boundCIDRs: login.boundCIDRs } : {}),
    parent: '',
  });
  const { login: _ignored, ...rest } = resp;
  const allWarnings = [...(resp.warnings ?? []), ...warnings];
  return {
    ...rest,
    ...(allWarnings.length > 0 ? { warnings: allWarnings } : {}),
    auth: core.authInfo(entry),
  };
}
