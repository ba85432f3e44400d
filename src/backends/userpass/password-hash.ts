import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** A stored password: scrypt with a random salt, parameters kept so they can change later. */
export interface PasswordHash {
  readonly algorithm: 'scrypt';
  readonly n: number;
  readonly r: number;
  readonly p: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
}

const PARAMS = { n: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;

function derive(
  password: string,
  salt: Buffer,
  params: { n: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: params.n, r: params.r, p: params.p }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return { algorithm: 'scrypt', ...PARAMS, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/** Hashed against for unknown users, so a miss costs as much time as a wrong password. */
const DUMMY: PasswordHash = {
  algorithm: 'scrypt',
  ...PARAMS,
  salt: randomBytes(16).toString('base64'),
  hash: randomBytes(KEY_LENGTH).toString('base64'),
};

/** Constant-time check; `stored` null (no such user) always fails after the same work. */
export async function verifyPassword(password: string, stored: PasswordHash | null): Promise<boolean> {
  const target = stored ?? DUMMY;
  const expected = Buffer.from(target.hash, 'base64');
  const actual = await derive(password, Buffer.from(target.salt, 'base64'), target);
  return actual.length === expected.length && timingSafeEqual(actual, expected) && stored !== null;
}
