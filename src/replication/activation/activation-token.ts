import { request } from 'undici';
import { parseLosslessJSON } from '../../core/lossless-json.js';

/** The activation bundle a secondary receives by unwrapping (reference 3.3). */
export interface ActivationBundle {
  readonly ca_cert: string;
  readonly client_cert: string;
  readonly client_key: { readonly type: string; readonly x: bigint; readonly y: bigint; readonly d: bigint };
  readonly cluster_id: string;
  readonly id: string;
  readonly mode: number;
  readonly primary_cluster_addr: string;
  /** hvr: the primary's cluster certificate (DER, base64), which the secondary pins. */
  readonly primary_cluster_cert?: string;
}

export class ActivationError extends Error {
  override readonly name = 'ActivationError';
}

export interface TokenClaims {
  readonly addr: string;
  readonly jti: string;
  readonly exp: number;
  readonly iat: number;
  readonly type: string;
}

/** Reads the claims of a wrapping JWT without verifying it (the secondary cannot; the primary does on unwrap). */
export function decodeActivationToken(token: string): TokenClaims {
  const parts = token.trim().split('.');
  if (parts.length !== 3) {
    throw new ActivationError(
      'the activation token is not a JWT: expected three dot-separated parts, as sys/replication/dr/primary/secondary-token returns in wrap_info.token',
    );
  }
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Partial<TokenClaims>;
  } catch {
    throw new ActivationError(
      'the activation token’s claims are not valid JSON: the token was truncated or altered',
    );
  }
  if (claims.type !== 'wrapping' || typeof claims.jti !== 'string') {
    throw new ActivationError(
      'the activation token is not a wrapping token (its "type" claim is not "wrapping")',
    );
  }
  return {
    addr: claims.addr ?? '',
    jti: claims.jti,
    exp: claims.exp ?? 0,
    iat: claims.iat ?? 0,
    type: claims.type,
  };
}

/** Unwraps the bundle at the primary's API address (PUT sys/wrapping/unwrap with the JWT). */
export async function unwrapAtPrimary(
  apiAddr: string,
  token: string,
  caPem?: string,
): Promise<ActivationBundle> {
  const { Agent } = await import('undici');
  const dispatcher = caPem ? new Agent({ connect: { ca: caPem } }) : undefined;
  const url = `${apiAddr.replace(/\/+$/, '')}/v1/sys/wrapping/unwrap`;
  let status: number;
  let text: string;
  try {
    const res = await request(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-vault-request': 'true' },
      body: JSON.stringify({ token }),
      ...(dispatcher ? { dispatcher } : {}),
    });
    status = res.statusCode;
    text = await res.body.text();
  } catch (error) {
    const cause = error as { code?: string; message?: string; cause?: { message?: string } };
    throw new ActivationError(
      `cannot reach the primary's API address ${apiAddr} to unwrap the activation token: ${cause.cause?.message ?? cause.message ?? cause.code ?? 'unknown error'}; if the token's address is not reachable from here, pass primary_api_addr`,
    );
  } finally {
    await dispatcher?.close();
  }
  if (status !== 200) {
    let message = text.trim();
    try {
      message = ((JSON.parse(text) as { errors?: string[] }).errors ?? []).join(', ') || message;
    } catch {
      // keep the raw text
    }
    throw new ActivationError(
      `error response unwrapping secondary token; status code is ${status}, message is "${message}"`,
    );
  }
  const parsed = parseLosslessJSON(text) as { data?: ActivationBundle };
  if (!parsed.data || typeof parsed.data.cluster_id !== 'string') {
    throw new ActivationError('the unwrapped response is not a replication activation bundle');
  }
  return parsed.data;
}
