import type { AuthInfo, Response as CoreResponse, LeaseInfo, WrapInfo } from '../logical/request.js';
import { goJsonValue } from './go-json.js';

/**
 * Vault's `logical.HTTPResponse` as JSON text, fields in Vault's order:
 * request_id, lease_id, renewable, lease_duration, data, wrap_info, warnings, auth, mount_type.
 */
const str = (value: string) => JSON.stringify(value);
const seconds = (value: number) => String(Math.trunc(value));
const fields = (entries: readonly (readonly [string, string])[]) =>
  `{${entries.map(([key, json]) => `${str(key)}:${json}`).join(',')}}`;

/** `HTTPWrapInfo`; `wrapped_accessor` is omitempty. */
function wrapInfoJson(wrap: WrapInfo): string {
  return fields([
    ['token', str(wrap.token)],
    ['accessor', str(wrap.accessor)],
    ['ttl', seconds(wrap.ttl)],
    ['creation_time', str(wrap.creationTime)],
    ['creation_path', str(wrap.creationPath)],
    ...(wrap.wrappedAccessor ? [['wrapped_accessor', str(wrap.wrappedAccessor)] as const] : []),
  ]);
}

const nonEmpty = (list: readonly string[] | undefined): list is readonly string[] =>
  list !== undefined && list.length > 0;

/** `HTTPAuth`; token_policies and identity_policies are omitempty; mfa_requirement is null. */
function authJson(auth: AuthInfo): string {
  return fields([
    ['client_token', str(auth.clientToken)],
    ['accessor', str(auth.accessor)],
    ['policies', goJsonValue(auth.policies)],
    ...(nonEmpty(auth.tokenPolicies) ? [['token_policies', goJsonValue(auth.tokenPolicies)] as const] : []),
    ...(nonEmpty(auth.identityPolicies)
      ? [['identity_policies', goJsonValue(auth.identityPolicies)] as const]
      : []),
    ['metadata', goJsonValue(auth.metadata)],
    ['lease_duration', seconds(auth.leaseDuration)],
    ['renewable', String(auth.renewable)],
    ['entity_id', str(auth.entityId)],
    ['token_type', str(auth.tokenType)],
    ['orphan', String(auth.orphan)],
    ['mfa_requirement', 'null'],
    ['num_uses', seconds(auth.numUses)],
  ]);
}

interface EnvelopeFields {
  readonly requestId: string;
  readonly lease?: LeaseInfo;
  readonly data?: Record<string, unknown>;
  readonly wrapInfo?: WrapInfo;
  readonly warnings?: readonly string[];
  readonly auth?: AuthInfo;
  readonly mountType?: string;
}

/** The envelope's own fields, in Vault's order, without the braces. */
function envelopeMembers(e: EnvelopeFields): string {
  return (
    `"request_id":${str(e.requestId)},"lease_id":${str(e.lease?.leaseId ?? '')},` +
    `"renewable":${String(e.lease?.renewable ?? false)},"lease_duration":${seconds(e.lease?.ttl ?? 0)},` +
    `"data":${e.data === undefined ? 'null' : goJsonValue(e.data)},` +
    `"wrap_info":${e.wrapInfo === undefined ? 'null' : wrapInfoJson(e.wrapInfo)},` +
    `"warnings":${e.warnings === undefined ? 'null' : goJsonValue(e.warnings)},` +
    `"auth":${e.auth === undefined ? 'null' : authJson(e.auth)},` +
    `"mount_type":${str(e.mountType ?? '')}`
  );
}

/**
 * The envelope for `resp`. `injectData` is `HTTPSysInjector`: every data key is written again
 * at the top level, before the envelope's own fields (duplicates included, as Go writes them).
 */
export function envelopeJson(resp: CoreResponse, requestId: string, injectData: boolean): string {
  const members = envelopeMembers({
    requestId: resp.requestId ?? requestId,
    lease: resp.lease,
    data: resp.data,
    warnings: resp.warnings,
    auth: resp.auth,
    mountType: resp.mountType,
  });
  const data = resp.data;
  if (!injectData || data === undefined) return `{${members}}`;
  let top = '';
  for (const key of Object.keys(data).sort()) top += `${str(key)}:${goJsonValue(data[key])},`;
  return `{${top}${members}}`;
}

/** A wrapped response carries only `wrap_info` (request_id and mount_type empty). */
export function wrappedEnvelopeJson(wrapInfo: WrapInfo): string {
  return `{${envelopeMembers({ requestId: '', wrapInfo })}}`;
}
