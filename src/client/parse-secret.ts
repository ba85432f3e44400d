import { isJsonObject, type JsonObject, type JsonValue } from '../gocompat/json-value.js';
import { InvalidResponseError } from './errors.js';
import { parseJson } from './json-parse.js';
import type { Secret, SecretAuth, SecretWrapInfo } from './secret.js';

/**
 * Vault's api.ParseSecret: an empty body is no secret; the envelope's fields are read with Go's
 * zero values for the missing ones (fields in Go's struct order); a body with none of the
 * envelope's fields is a raw answer, returned as `data`, unless it holds only `errors` (no
 * secret) or `errors` beside other keys (an error).
 */
export function parseSecret(text: string): Secret | null {
  if (text.trim() === '') return null;
  const value = parseJson(text);
  if (!isObject(value)) throw unmarshal(jsonKind(value), 'api.Secret');
  const secret = toSecret(value);
  if (!isZeroSecret(value)) return secret;
  const keys = Object.keys(value);
  const errors = value.errors;
  if (errors !== undefined) {
    if (keys.length === 1) return null;
    throw new InvalidResponseError(stringList(errors, 'errors').join(' '));
  }
  if (keys.length > 0) secret.data = value;
  return secret;
}

const isObject = isJsonObject;

function jsonKind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

const unmarshal = (kind: string, target: string): InvalidResponseError =>
  new InvalidResponseError(`json: cannot unmarshal ${kind} into Go value of type ${target}`);

/** Go's reflect.DeepEqual(secret, Secret{}): no envelope field set to a non-zero value. */
function isZeroSecret(value: JsonObject): boolean {
  const zero = (key: string, empty: JsonValue) => value[key] === undefined || value[key] === empty;
  return (
    zero('request_id', '') &&
    zero('lease_id', '') &&
    zero('lease_duration', 0) &&
    zero('renewable', false) &&
    zero('data', null) &&
    zero('warnings', null) &&
    zero('auth', null) &&
    zero('wrap_info', null) &&
    zero('mount_type', '')
  );
}

function toSecret(value: JsonObject): Secret {
  const data = value.data;
  const mountType = str(value, 'mount_type');
  return {
    request_id: str(value, 'request_id'),
    lease_id: str(value, 'lease_id'),
    lease_duration: int(value, 'lease_duration'),
    renewable: bool(value, 'renewable'),
    data: data === undefined || data === null ? null : objectOf(data, 'data'),
    warnings: nullableList(value, 'warnings'),
    auth: value.auth === undefined || value.auth === null ? null : toAuth(objectOf(value.auth, 'auth')),
    wrap_info:
      value.wrap_info === undefined || value.wrap_info === null
        ? null
        : toWrapInfo(objectOf(value.wrap_info, 'wrap_info')),
    ...(mountType === '' ? {} : { mount_type: mountType }),
  };
}

/** api.SecretAuth, in its field order. */
function toAuth(auth: JsonObject): SecretAuth {
  const metadata = auth.metadata;
  return {
    client_token: str(auth, 'client_token'),
    accessor: str(auth, 'accessor'),
    policies: nullableList(auth, 'policies'),
    token_policies: nullableList(auth, 'token_policies'),
    identity_policies: nullableList(auth, 'identity_policies'),
    metadata: metadata === undefined || metadata === null ? null : stringMap(metadata, 'metadata'),
    orphan: bool(auth, 'orphan'),
    entity_id: str(auth, 'entity_id'),
    lease_duration: int(auth, 'lease_duration'),
    renewable: bool(auth, 'renewable'),
    mfa_requirement: auth.mfa_requirement ?? null,
  };
}

/** api.SecretWrapInfo, in its field order. */
function toWrapInfo(info: JsonObject): SecretWrapInfo {
  const wrapped = str(info, 'wrapped_accessor');
  return {
    token: str(info, 'token'),
    accessor: str(info, 'accessor'),
    ttl: int(info, 'ttl'),
    creation_time: str(info, 'creation_time'),
    creation_path: str(info, 'creation_path'),
    ...(wrapped === '' ? {} : { wrapped_accessor: wrapped }),
  };
}

function fieldError(field: string, kind: string, goType: string): InvalidResponseError {
  return new InvalidResponseError(
    `json: cannot unmarshal ${kind} into Go struct field .${field} of type ${goType}`,
  );
}

function str(obj: JsonObject, key: string): string {
  const value = obj[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw fieldError(key, jsonKind(value), 'string');
  return value;
}

function bool(obj: JsonObject, key: string): boolean {
  const value = obj[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw fieldError(key, jsonKind(value), 'bool');
  return value;
}

function int(obj: JsonObject, key: string): number {
  const value = obj[key];
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  throw fieldError(key, jsonKind(value), 'int');
}

function objectOf(value: JsonValue, key: string): JsonObject {
  if (!isObject(value)) throw fieldError(key, jsonKind(value), 'map[string]interface {}');
  return value;
}

function stringList(value: JsonValue, key: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw fieldError(key, jsonKind(value), '[]string');
  }
  return value as string[];
}

function nullableList(obj: JsonObject, key: string): string[] | null {
  const value = obj[key];
  return value === undefined || value === null ? null : stringList(value, key);
}

function stringMap(value: JsonValue, key: string): Record<string, string> {
  const obj = objectOf(value, key);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string') throw fieldError(key, jsonKind(v), 'string');
    out[k] = v;
  }
  return out;
}
