import { isJsonObject, type JsonObject, type JsonValue } from '../gocompat/json-value.js';
import type { WireResponse } from './client.js';
import { InvalidResponseError, ResponseError } from './errors.js';
import { parseJson } from './json-parse.js';
import type { Secret } from './secret.js';

/** Vault's success range: 200–399 (`api.Response.Error`). */
export const isSuccess = (status: number): boolean => status >= 200 && status < 400;

/**
 * Vault's `api.Response.Error()`: the body decoded as `{"errors": [...]}` when it can be
 * (`errors` matched case-insensitively, as Go's decoder does), else kept raw.
 */
export function responseError(
  res: WireResponse,
  method: string,
  url: string,
  secret?: Secret,
): ResponseError {
  const errors = decodeErrors(res.text);
  const namespace = res.headers['x-vault-namespace'];
  return new ResponseError({
    method,
    url,
    statusCode: res.status,
    errors: errors ?? [res.text],
    rawError: errors === undefined,
    rawBody: res.text,
    ...(namespace === undefined ? {} : { namespace }),
    ...(secret === undefined ? {} : { secret }),
  });
}

function decodeErrors(text: string): string[] | undefined {
  let value: JsonValue;
  try {
    value = parseJson(text);
  } catch (error) {
    if (error instanceof InvalidResponseError) return undefined;
    throw error;
  }
  if (value === null) return [];
  if (!isJsonObject(value)) return undefined;
  const errors = errorsField(value);
  if (errors === undefined || errors === null) return [];
  if (!Array.isArray(errors) || !errors.every((e) => typeof e === 'string')) return undefined;
  return errors as string[];
}

function errorsField(value: JsonObject): JsonValue | undefined {
  if ('errors' in value) return value.errors;
  const key = Object.keys(value).find((k) => k.toLowerCase() === 'errors');
  return key === undefined ? undefined : value[key];
}

/** A raw JSON object answer (sys/health, sys/seal-status, sys/leader). */
export function jsonObjectOf(res: WireResponse, target: string): JsonObject {
  if (res.text.trim() === '') throw new InvalidResponseError('EOF');
  const value = parseJson(res.text);
  if (!isJsonObject(value)) {
    throw new InvalidResponseError(
      `json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type ${target}`,
    );
  }
  return value;
}
