import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

/**
 * The public-key variant of secondary activation: the secondary makes a P-521 key pair and
 * hands out the public half; the primary encrypts the activation bundle to it (ECDH with an
 * ephemeral key, HKDF-SHA256, AES-256-GCM) and returns it in `data.token`. The secondary
 * opens it with its private key, with no call to the primary's API.
 */
const INFO = Buffer.from('hvr dr secondary activation v1');
const ALG = 'ECDH-ES+HKDF-SHA256+A256GCM';

export interface SecondaryKeyPair {
  /** base64 SPKI DER: what `generate-public-key` returns as secondary_public_key. */
  readonly publicKey: string;
  /** base64 PKCS#8 DER, kept behind the barrier until activation. */
  readonly privateKey: string;
}

interface SealedToken {
  readonly v: 1;
  readonly alg: typeof ALG;
  readonly epk: string;
  readonly salt: string;
  readonly nonce: string;
  readonly ct: string;
}

export class SealedBundleError extends Error {
  override readonly name = 'SealedBundleError';
}

export function generateSecondaryKeyPair(): SecondaryKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

export function sealBundle(plaintext: string, secondaryPublicKey: string): string {
  let recipient: ReturnType<typeof createPublicKey>;
  try {
    recipient = createPublicKey({
      key: Buffer.from(secondaryPublicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
  } catch {
    throw new SealedBundleError(
      'secondary_public_key is not a public key from sys/replication/dr/secondary/generate-public-key',
    );
  }
  if (recipient.asymmetricKeyDetails?.namedCurve !== 'secp521r1') {
    throw new SealedBundleError(
      'secondary_public_key must be a P-521 key from sys/replication/dr/secondary/generate-public-key',
    );
  }
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
  const salt = randomBytes(32);
  const key = deriveKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), salt);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const token: SealedToken = {
    v: 1,
    alg: ALG,
    epk: ephemeral.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    ct: ct.toString('base64'),
  };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

export function openBundle(token: string, privateKey: string): string {
  let sealed: SealedToken;
  try {
    sealed = JSON.parse(Buffer.from(token.trim(), 'base64url').toString('utf8')) as SealedToken;
  } catch {
    throw new SealedBundleError('the activation token is neither a JWT nor an encrypted activation token');
  }
  if (sealed.alg !== ALG)
    throw new SealedBundleError('the activation token is neither a JWT nor an encrypted activation token');
  try {
    const ours = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    const theirs = createPublicKey({ key: Buffer.from(sealed.epk, 'base64'), format: 'der', type: 'spki' });
    const key = deriveKey(
      diffieHellman({ privateKey: ours, publicKey: theirs }),
      Buffer.from(sealed.salt, 'base64'),
    );
    const body = Buffer.from(sealed.ct, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.nonce, 'base64'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SealedBundleError(
      'the encrypted activation token cannot be opened with this cluster’s key: it was made for another secondary_public_key, or generate-public-key was called again since',
    );
  }
}

const deriveKey = (shared: Buffer, salt: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, salt, INFO, 32));
