import type { Client, WireRequest } from '../../../client/client.js';
import { parseAddress, wireTarget } from '../../../client/request-url.js';
import { isSuccess, jsonObjectOf, responseError } from '../../../client/response-check.js';
import type { JsonObject } from '../../../gocompat/json-value.js';

/**
 * The raw-JSON sys endpoints the operator commands call, as Vault's api.Sys sends them
 * (`api/sys_init.go`, `api/sys_seal.go`): no envelope, statuses outside 200–399 throw
 * ResponseError, which the commands print after their own prefix.
 */
export async function sysCall(client: Client, req: WireRequest, goType: string): Promise<JsonObject> {
  const res = await client.send(req);
  if (!isSuccess(res.status)) {
    throw responseError(res, req.method, wireTarget(parseAddress(client.address), req.path, req.query).url);
  }
  return goType === '' ? {} : jsonObjectOf(res, goType);
}

/** `Sys().InitStatus()`: GET sys/init. */
export async function initStatus(client: Client): Promise<boolean> {
  const body = await sysCall(client, { method: 'GET', path: 'sys/init' }, 'api.InitStatusResponse');
  // Go's decoder matches the untagged `Initialized` field case-insensitively.
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'initialized');
  return key !== undefined && body[key] === true;
}

/** api.InitRequest, in its declared field order (the wire sorts the keys anyway). */
export interface InitRequest {
  readonly secret_shares: number;
  readonly secret_threshold: number;
  readonly stored_shares: number;
  readonly pgp_keys: readonly string[] | null;
  readonly recovery_shares: number;
  readonly recovery_threshold: number;
  readonly recovery_pgp_keys: readonly string[] | null;
  readonly root_token_pgp_key: string;
}

/** `Sys().Init(req)`: PUT sys/init. */
export const initialize = (client: Client, req: InitRequest): Promise<JsonObject> =>
  sysCall(client, { method: 'PUT', path: 'sys/init', body: req }, 'api.InitResponse');

/** `Sys().SealStatus()`: GET sys/seal-status. */
export const sealStatus = (client: Client): Promise<JsonObject> =>
  sysCall(client, { method: 'GET', path: 'sys/seal-status' }, 'api.SealStatusResponse');

/** `Sys().UnsealWithOptions({Key, Migrate})`: PUT sys/unseal with api.UnsealOpts. */
export const unseal = (client: Client, key: string, migrate: boolean): Promise<JsonObject> =>
  sysCall(
    client,
    { method: 'PUT', path: 'sys/unseal', body: { key, reset: false, migrate } },
    'api.SealStatusResponse',
  );

/** `Sys().ResetUnsealProcess()`: PUT sys/unseal `{"reset":true}`. */
export const resetUnseal = (client: Client): Promise<JsonObject> =>
  sysCall(client, { method: 'PUT', path: 'sys/unseal', body: { reset: true } }, 'api.SealStatusResponse');

/** `Sys().Seal()`: PUT sys/seal with no body. */
export async function seal(client: Client): Promise<void> {
  await sysCall(client, { method: 'PUT', path: 'sys/seal' }, '');
}

/** `Sys().Leader()`: GET sys/leader. */
export const leader = (client: Client): Promise<JsonObject> =>
  sysCall(client, { method: 'GET', path: 'sys/leader' }, 'api.LeaderResponse');
