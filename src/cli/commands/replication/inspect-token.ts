import { type CommandSpec, checkArgs } from '../../command.js';
import { FORMAT_ONLY } from '../../common-flags.js';
import { flagBool } from '../../flags.js';
import { humanDuration } from '../../output/go-duration.js';

interface Claims {
  readonly type?: string;
  readonly addr?: string;
  readonly jti?: string;
  readonly accessor?: string;
  readonly iat?: number;
  readonly exp?: number;
  readonly nbf?: number;
}

/** Shows enough of a secret's start to recognise it, never the whole (the jti is the unwrap key). */
const redact = (secret: string): string =>
  secret.length <= 8 ? '****' : `${secret.slice(0, 8)}…(${secret.length} chars)`;

/**
 * `hvr token inspect TOKEN`: decodes a response-wrapping JWT (a secondary activation token)
 * locally, without consuming it. Asks the issuer's sys/wrapping/lookup — which does not
 * consume either — whether it is still unused, unless -offline.
 */
export const tokenInspectCommand: CommandSpec = {
  name: 'token inspect',
  summary: 'Decode a wrapping (activation) token locally without using it',
  usage: 'hvr token inspect [options] TOKEN',
  help: 'Prints the issuer address, issue and expiry times, time left and type of a\nresponse-wrapping JWT such as a DR secondary activation token, and asks the\nissuer whether it is still unused. The token is never unwrapped, and its jti\n(the single-use wrapping token) is shown only in part.',
  flags: [
    ...FORMAT_ONLY,
    { name: 'offline', type: 'bool', usage: 'Do not ask the issuer whether the token is still unused.' },
  ],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const token = (ctx.args[0] ?? '').trim();
    const parts = token.split('.');
    if (parts.length !== 3) {
      return ctx.out.usageError(
        'Error: not a JWT: a wrapping token in JWT form has three dot-separated parts (eyJ….eyJ….…)',
      );
    }
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Claims;
    } catch {
      return ctx.out.usageError(
        'Error: the token’s claims are not valid base64url JSON; was it truncated when copied?',
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const left = (claims.exp ?? 0) - now;
    const data: Record<string, unknown> = {
      type: claims.type ?? '',
      issuer_addr: claims.addr ?? '',
      issued: claims.iat ? new Date(claims.iat * 1000).toISOString() : '',
      expires: claims.exp ? new Date(claims.exp * 1000).toISOString() : '',
      time_left: claims.exp ? (left > 0 ? humanDuration(left) : 'expired') : '',
      jti: redact(claims.jti ?? ''),
      accessor: claims.accessor ?? '',
      unused: flagBool(ctx.flags, 'offline')
        ? 'not asked (-offline)'
        : await askIssuer(claims.addr ?? '', token),
    };
    return ctx.out.data(data);
  },
};

async function askIssuer(addr: string, token: string): Promise<string> {
  if (!/^https?:\/\//.test(addr)) return `unknown (issuer address "${addr}" cannot be asked)`;
  const { request } = await import('undici');
  try {
    const res = await request(`${addr.replace(/\/+$/, '')}/v1/sys/wrapping/lookup`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-vault-request': 'true' },
      body: JSON.stringify({ token }),
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    const text = await res.body.text();
    if (res.statusCode === 200) return 'true';
    if (res.statusCode === 400 && text.includes('wrapping token is not valid or does not exist')) {
      return 'false (used, revoked or expired)';
    }
    return `unknown (issuer answered ${res.statusCode})`;
  } catch (error) {
    return `unknown (cannot reach ${addr}: ${(error as Error).message})`;
  }
}
