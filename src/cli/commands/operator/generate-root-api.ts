import type { Client } from '../../../client/client.js';
import type { JsonObject } from '../../../gocompat/json-value.js';
import { DR_OPERATION_TOKEN_ATTEMPT, DR_OPERATION_TOKEN_UPDATE } from '../misc/replication-paths.js';
import { sysCall } from './sys-api.js';

/** Which token `vault operator generate-root` works on: root, DR operation or recovery. */
export type GenerateRootKind = 'root' | 'dr' | 'recovery';

const PATHS: Readonly<Record<GenerateRootKind, { readonly attempt: string; readonly update: string }>> = {
  root: { attempt: 'sys/generate-root/attempt', update: 'sys/generate-root/update' },
  dr: { attempt: DR_OPERATION_TOKEN_ATTEMPT, update: DR_OPERATION_TOKEN_UPDATE },
  recovery: { attempt: 'sys/generate-recovery-token/attempt', update: 'sys/generate-recovery-token/update' },
};

const STATUS_TYPE = 'api.GenerateRootStatusResponse';

/** api/sys_generate_root.go: GET attempt. */
export const generateRootStatus = (client: Client, kind: GenerateRootKind): Promise<JsonObject> =>
  sysCall(client, { method: 'GET', path: PATHS[kind].attempt }, STATUS_TYPE);

/** PUT attempt `{"otp","pgp_key"}` (an empty OTP asks the server to generate one). */
export const generateRootInit = (client: Client, kind: GenerateRootKind, otp: string, pgpKey: string) =>
  sysCall(client, { method: 'PUT', path: PATHS[kind].attempt, body: { otp, pgp_key: pgpKey } }, STATUS_TYPE);

/** PUT update `{"key","nonce"}`. */
export const generateRootUpdate = (client: Client, kind: GenerateRootKind, key: string, nonce: string) =>
  sysCall(client, { method: 'PUT', path: PATHS[kind].update, body: { key, nonce } }, STATUS_TYPE);

/** DELETE attempt. */
export async function generateRootCancel(client: Client, kind: GenerateRootKind): Promise<void> {
  await sysCall(client, { method: 'DELETE', path: PATHS[kind].attempt }, '');
}
