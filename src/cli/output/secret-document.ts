import type { Secret, SecretAuth, SecretWrapInfo } from '../../client/secret.js';
import { goTimeRfc3339Nano } from '../../gocompat/time.js';
import { type GoStruct, goStruct, isGoMap } from './go-value.js';

/**
 * `api.Secret` as Go's encoder writes it (api/secret.go): fields in declared order, `auth`,
 * `wrap_info` and `mount_type` omitted when empty, fields hvr's wire type has but Vault's
 * client struct lacks (`token_type`, `num_uses`) dropped, times in RFC3339Nano.
 */
export function secretDocument(secret: Secret): GoStruct {
  const fields: [string, unknown][] = [
    ['request_id', secret.request_id ?? ''],
    ['lease_id', secret.lease_id ?? ''],
    ['lease_duration', secret.lease_duration ?? 0],
    ['renewable', secret.renewable ?? false],
    ['data', secret.data ?? null],
    ['warnings', secret.warnings ?? null],
  ];
  if (secret.auth) fields.push(['auth', authDocument(secret.auth)]);
  if (secret.wrap_info) fields.push(['wrap_info', wrapInfoDocument(secret.wrap_info)]);
  if (secret.mount_type) fields.push(['mount_type', secret.mount_type]);
  return goStruct(fields);
}

function authDocument(auth: SecretAuth): GoStruct {
  return goStruct([
    ['client_token', auth.client_token ?? ''],
    ['accessor', auth.accessor ?? ''],
    ['policies', auth.policies ?? null],
    ['token_policies', auth.token_policies ?? null],
    ['identity_policies', auth.identity_policies ?? null],
    ['metadata', auth.metadata ?? null],
    ['orphan', auth.orphan ?? false],
    ['entity_id', auth.entity_id ?? ''],
    ['lease_duration', auth.lease_duration ?? 0],
    ['renewable', auth.renewable ?? false],
    ['mfa_requirement', mfaDocument(auth.mfa_requirement)],
  ]);
}

function wrapInfoDocument(wrap: SecretWrapInfo): GoStruct {
  return goStruct([
    ['token', wrap.token ?? ''],
    ['accessor', wrap.accessor ?? ''],
    ['ttl', wrap.ttl ?? 0],
    ['creation_time', goTimeRfc3339Nano(wrap.creation_time ?? '0001-01-01T00:00:00Z')],
    ['creation_path', wrap.creation_path ?? ''],
    ['wrapped_accessor', wrap.wrapped_accessor ?? ''],
  ]);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** `MFARequirement{MFARequestID, MFAConstraints}`, every field `omitempty`. */
function mfaDocument(mfa: unknown): GoStruct | null {
  if (!isGoMap(mfa)) return null;
  const fields: [string, unknown][] = [];
  if (str(mfa.mfa_request_id) !== '') fields.push(['mfa_request_id', mfa.mfa_request_id]);
  const constraints = mfa.mfa_constraints;
  if (isGoMap(constraints) && Object.keys(constraints).length > 0) {
    const byName = Object.entries(constraints).map(([name, c]) => {
      const methods = isGoMap(c) && Array.isArray(c.any) ? c.any : [];
      const anyField: [string, unknown][] = methods.length > 0 ? [['any', methods.map(methodDocument)]] : [];
      return [name, goStruct(anyField)] as const;
    });
    fields.push(['mfa_constraints', Object.fromEntries(byName)]);
  }
  return goStruct(fields);
}

function methodDocument(method: unknown): GoStruct {
  const m = isGoMap(method) ? method : {};
  const fields: [string, unknown][] = [];
  if (str(m.type) !== '') fields.push(['type', m.type]);
  if (str(m.id) !== '') fields.push(['id', m.id]);
  if (m.uses_passcode === true) fields.push(['uses_passcode', true]);
  if (str(m.name) !== '') fields.push(['name', m.name]);
  return goStruct(fields);
}
