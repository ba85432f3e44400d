import { type ApiResult, api } from './api.js';

/** The `auth` block of a login or token-create answer, with Vault's field names. */
export interface AuthBlock {
  readonly client_token: string;
  readonly accessor: string;
  readonly policies: string[];
  readonly token_policies?: string[];
  readonly metadata: Record<string, string> | null;
  readonly lease_duration: number;
  readonly renewable: boolean;
  readonly entity_id: string;
  readonly token_type: string;
  readonly orphan: boolean;
  readonly num_uses: number;
}

/** The `auth` block of a response; throws (naming the status and body) when there is none. */
export function authOf(result: ApiResult): AuthBlock {
  const auth = result.json?.auth;
  if (auth === null || typeof auth !== 'object') {
    throw new Error(`expected an auth block, got ${result.status}: ${result.text}`);
  }
  return auth as AuthBlock;
}

/** POST auth/token/create (or another create path) as `token`; the new token's auth block. */
export async function createToken(
  address: string,
  token: string,
  body: Record<string, unknown> = {},
  path = 'auth/token/create',
): Promise<AuthBlock> {
  return authOf(await api(address, path, { token, body, method: 'POST' }));
}

/** PUT sys/policies/acl/:name; throws unless the node answered 204. */
export async function writePolicy(
  address: string,
  token: string,
  name: string,
  policy: string,
): Promise<void> {
  const res = await api(address, `sys/policies/acl/${name}`, { token, body: { policy } });
  if (res.status !== 204) throw new Error(`writing policy ${name}: ${res.status} ${res.text}`);
}

/** The `errors` array of an error body. */
export const errorsOf = (result: ApiResult): unknown => result.json?.errors;
