import { createHash, randomInt } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` characters of base62 from the CSPRNG (Vault's base62.Random). */
export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

export const SERVICE_TOKEN_PREFIX = 'hvs.';
export const BATCH_TOKEN_PREFIX = 'hvb.';
export const TOKEN_BODY_LENGTH = 24;

export const newServiceToken = () => `${SERVICE_TOKEN_PREFIX}${randomBase62(TOKEN_BODY_LENGTH)}`;
export const newAccessor = () => randomBase62(TOKEN_BODY_LENGTH);

/** Storage keys never hold a token or accessor in clear: they hold its SHA-256. */
export const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');
