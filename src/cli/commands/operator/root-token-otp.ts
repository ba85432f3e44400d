/**
 * The client half of Vault's OTP scheme (command/operator_generate_root.go): making an OTP of
 * the server's `otp_length` (base62; 16 random bytes in base64 for old servers that report 0)
 * and turning `encoded_token` back into the token.
 */
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class OtpError extends Error {
  override readonly name = 'OtpError';
}

export async function generateOtp(otpLength: number): Promise<string> {
  const { randomBytes, randomInt } = await import('node:crypto');
  if (otpLength === 0) return randomBytes(16).toString('base64');
  let out = '';
  for (let i = 0; i < otpLength; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** Go's base64 decoding: strict alphabet, `\r`/`\n` skipped, padding only when `padded`. */
function goBase64(text: string, padded: boolean): Buffer {
  const body = text.replace(/[\r\n]/g, '');
  const alphabet = padded ? /^[A-Za-z0-9+/]*={0,2}$/ : /^[A-Za-z0-9+/]*$/;
  if (!alphabet.test(body) || (padded ? body.length % 4 !== 0 : body.length % 4 === 1)) {
    const bad = body.search(/[^A-Za-z0-9+/]/);
    throw new OtpError(
      `illegal base64 data at input byte ${bad === -1 ? Math.max(body.length - 1, 0) : bad}`,
    );
  }
  return Buffer.from(body, 'base64');
}

function xor(a: Uint8Array, b: Uint8Array): Buffer {
  if (a.length !== b.length)
    throw new OtpError(`length of byte slices is not equivalent: ${a.length} != ${b.length}`);
  return Buffer.from(a.map((x, i) => x ^ (b[i] ?? 0)));
}

const uuid = (b: Buffer): string => {
  if (b.length !== 16) throw new OtpError(`wrong length byte slice (${b.length})`);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The token, or the line Vault prints when decoding fails (always exit 1). */
export function decodeRootToken(
  encoded: string,
  otp: string,
  otpLength: number,
): { readonly token: string } | { readonly error: string } {
  if (otpLength === 0) {
    let bytes: Buffer;
    try {
      bytes = xor(goBase64(encoded, true), goBase64(otp, true));
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      return { error: `Error xoring token: ${error.message}` };
    }
    try {
      return { token: uuid(bytes).trim() };
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      return { error: `Error formatting base64 token value: ${error.message}` };
    }
  }
  let bytes: Buffer;
  try {
    bytes = goBase64(encoded, false);
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    return { error: `Error decoding base64'd token: ${error.message}` };
  }
  try {
    return { token: xor(bytes, Buffer.from(otp, 'utf8')).toString('utf8') };
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    return { error: `Error xoring token: ${error.message}` };
  }
}
