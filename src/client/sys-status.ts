import type { JsonObject } from '../gocompat/json-value.js';
import type { Client, WireRequest } from './client.js';
import { parseAddress, wireTarget } from './request-url.js';
import { isSuccess, jsonObjectOf, responseError } from './response-check.js';

/**
 * The raw-JSON sys endpoints `vault status` reads (not envelopes): Vault's Sys().Health(),
 * SealStatus() and Leader(). Statuses outside 200–399 throw ResponseError.
 */

/**
 * GET sys/health with every "unhealthy" code forced to 299, as Vault's api does, so that a
 * sealed, uninitialised, standby or DR-secondary node still answers with its body.
 */
export async function sysHealth(client: Client): Promise<JsonObject> {
  return rawJson(
    client,
    {
      method: 'GET',
      path: 'sys/health',
      query: {
        uninitcode: '299',
        sealedcode: '299',
        standbycode: '299',
        drsecondarycode: '299',
        performancestandbycode: '299',
      },
    },
    'api.HealthResponse',
  );
}

/** GET sys/seal-status (unauthenticated). */
export async function sealStatus(client: Client): Promise<JsonObject> {
  return rawJson(client, { method: 'GET', path: 'sys/seal-status' }, 'api.SealStatusResponse');
}

/** GET sys/leader. */
export async function leader(client: Client): Promise<JsonObject> {
  return rawJson(client, { method: 'GET', path: 'sys/leader' }, 'api.LeaderResponse');
}

async function rawJson(client: Client, req: WireRequest, goType: string): Promise<JsonObject> {
  const res = await client.send(req);
  // Vault lets a 429 through for sys/health only (a standby's default answer).
  if (!isSuccess(res.status) && !(res.status === 429 && req.path === 'sys/health')) {
    throw responseError(res, req.method, wireTarget(parseAddress(client.address), req.path, req.query).url);
  }
  return jsonObjectOf(res, goType);
}
