import { addressInCIDRs } from '../../logical/cidr.js';
import { badRequest, permissionDenied } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import type { LoginAuth } from '../../logical/request.js';
import { tokenParamsLoginAuth } from '../token-params.js';
import { extractMetadata, getClaim, validateBoundClaims } from './claims.js';
import { loadConfig } from './config-entry.js';
import { ALL_ALGS, keySetFor } from './key-set.js';
import { loadRole } from './role-entry.js';
import { audienceOf, TokenInvalid, validateToken } from './validate.js';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * pathLogin (vault-plugin-auth-jwt): the role (or default_role) must be a jwt role; the
 * token is verified by the configured keys, then checked against the issuer, the role's
 * subject, audiences, time leeways and bound claims. Messages are the plugin's.
 */
export const login: Handler = async (req, f, ctx) => {
  const config = await loadConfig(ctx.storage);
  if (config === null) throw badRequest('could not load configuration');
  const roleName = ((f.string('role') ?? '') || config.defaultRole).toLowerCase();
  if (roleName === '') throw badRequest('missing role');
  const role = await loadRole(ctx.storage, roleName);
  if (role === null) throw badRequest(`role ${JSON.stringify(roleName)} could not be found`);
  if (role.roleType === 'oidc') throw badRequest('role with oidc role_type is not allowed');
  const token = f.string('jwt') ?? '';
  if (token === '') throw badRequest('missing token');
  if (role.tokenBoundCIDRs.length > 0) {
    if (req.remoteAddress === undefined || !addressInCIDRs(req.remoteAddress, role.tokenBoundCIDRs)) {
      throw permissionDenied();
    }
  }
  let keySet: Awaited<ReturnType<typeof keySetFor>>;
  try {
    keySet = await keySetFor(config);
  } catch (error) {
    throw badRequest(`error configuring token validator: ${message(error)}`);
  }
  let claims: Record<string, unknown>;
  try {
    claims = await validateToken(keySet, token, {
      issuer: config.boundIssuer,
      subject: role.boundSubject,
      audiences: role.boundAudiences,
      algorithms: config.jwtSupportedAlgs.length > 0 ? config.jwtSupportedAlgs : ALL_ALGS,
      notBeforeLeeway: role.notBeforeLeeway,
      expirationLeeway: role.expirationLeeway,
      clockSkewLeeway: role.clockSkewLeeway,
    });
  } catch (error) {
    if (error instanceof TokenInvalid) throw badRequest(`error validating token: ${error.message}`);
    throw badRequest(`error validating token: ${message(error)}`);
  }
  if (audienceOf(claims).length > 0 && role.boundAudiences.length === 0) {
    throw badRequest('audience claim found in JWT but no audiences bound to the role');
  }
  const user = getClaim(claims, role.userClaim);
  if (user === undefined || user === null)
    throw badRequest(`claim ${JSON.stringify(role.userClaim)} not found in token`);
  if (typeof user !== 'string') {
    throw badRequest(`claim ${JSON.stringify(role.userClaim)} could not be converted to string`);
  }
  let metadata: Record<string, string>;
  try {
    metadata = extractMetadata(claims, role.claimMappings);
    validateBoundClaims(role.boundClaimsType, role.boundClaims, claims);
  } catch (error) {
    const text = message(error);
    throw badRequest(text.startsWith('error converting') ? text : `error validating claims: ${text}`);
  }
  metadata.role = roleName;
  const auth: LoginAuth = {
    ...tokenParamsLoginAuth(role),
    displayName: user,
    metadata,
    internalData: { role: roleName, role_type: 'native' },
  };
  return { login: auth };
};
