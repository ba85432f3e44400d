import type { Secret } from '../../client/secret.js';
import { goTimeRfc3339Nano } from '../../gocompat/time.js';
import { hasOwn, NIL_MAP, NIL_SLICE } from './go-value.js';

/**
 * Vault's `RawField` (command/base/util.go): where `-field=NAME` looks in a secret. Returns
 * `undefined` where Go would have a nil interface (the field is "not present"); typed nils
 * (a nil policy list, a nil data map) are present and print as `[]` / `map[]`.
 */
function fromData(data: Readonly<Record<string, unknown>> | null | undefined, name: string): unknown {
  const v = data && hasOwn(data, name) ? data[name] : undefined;
  return v === null ? undefined : v;
}

const list = (v: readonly string[] | null | undefined): unknown => v ?? NIL_SLICE;

export function rawField(secret: Secret, name: string): unknown {
  const { auth, wrap_info: wrap, data } = secret;
  if (auth) {
    switch (name) {
      case 'token':
        return auth.client_token;
      case 'token_accessor':
        return auth.accessor;
      case 'token_duration':
        return auth.lease_duration;
      case 'token_renewable':
        return auth.renewable;
      case 'token_policies':
        return list(auth.token_policies);
      case 'identity_policies':
        return list(auth.identity_policies);
      case 'policies':
        return list(auth.policies);
      default:
        return fromData(data, name);
    }
  }
  if (wrap) {
    switch (name) {
      case 'wrapping_token':
        return wrap.token;
      case 'wrapping_accessor':
        return wrap.accessor;
      case 'wrapping_token_ttl':
        return wrap.ttl;
      case 'wrapping_token_creation_time':
        return goTimeRfc3339Nano(wrap.creation_time);
      case 'wrapping_token_creation_path':
        return wrap.creation_path;
      case 'wrapped_accessor':
        return wrap.wrapped_accessor ?? '';
      default:
        return fromData(data, name);
    }
  }
  switch (name) {
    case 'lease_duration':
    case 'refresh_interval':
      return secret.lease_duration;
    case 'lease_id':
      return secret.lease_id;
    case 'request_id':
      return secret.request_id;
    case 'renewable':
      return secret.renewable;
    case 'data':
      // KV v2 nests the secret under data.data; a null there is still "not present".
      if (data && hasOwn(data, 'data')) return fromData(data, 'data');
      return data ?? NIL_MAP;
    default:
      return fromData(data, name);
  }
}

/** `PrintRawField` on a plain map (kv get's v2 data): just the key. */
export const mapField = (data: Readonly<Record<string, unknown>>, name: string): unknown =>
  fromData(data, name);
