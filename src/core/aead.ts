import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh random 96-bit nonce per call and the storage key as associated
 * data, so a ciphertext cannot be moved to another key. Layout: nonce(12) | ciphertext | tag(16).
 */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

/**
 * Nonces come from the CSPRNG in batches (as crypto.randomUUID draws its entropy): each
 * 12-byte slice is handed out once, so every call still gets a fresh random nonce.
 */
const NONCE_BATCH = 256;
let noncePool = randomBytes(0);
let nonceOffset = 0;

function freshNonce(): Buffer {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * NONCE_BATCH);
    nonceOffset = 0;
  }
  const nonce = noncePool.subarray(nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/** `bytes` as a plain Uint8Array of its own, without copying when it already owns its memory. */
function ownUint8Array(bytes: Buffer): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength) {
    return new Uint8Array(bytes.buffer, 0, bytes.byteLength);
  }
  return new Uint8Array(bytes);
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: string): Uint8Array {
  const nonce = freshNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = cipher.update(plaintext);
  const rest = cipher.final();
  const out = Buffer.allocUnsafeSlow(NONCE_BYTES + body.length + rest.length + TAG_BYTES);
  out.set(nonce, 0);
  out.set(body, NONCE_BYTES);
  out.set(rest, NONCE_BYTES + body.length);
  out.set(cipher.getAuthTag(), NONCE_BYTES + body.length + rest.length);
  return out;
}

export function open(key: Uint8Array, sealed: Uint8Array, aad: string): Uint8Array {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DecryptError('ciphertext too short');
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    const plaintext = decipher.update(body);
    const rest = decipher.final();
    return ownUint8Array(rest.length === 0 ? plaintext : Buffer.concat([plaintext, rest]));
  } catch (error) {
    throw new DecryptError('cipher: message authentication failed', { cause: error });
  }
}
