import { randomUUID, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../logical/errors.js';
import type { ShamirSeal } from './seal.js';
import { randomBase62, SERVICE_TOKEN_PREFIX, TOKEN_BODY_LENGTH } from './token-id.js';

/**
 * Vault's generate-root flow: an attempt with a one-time pad, a threshold of unseal key
 * shares, then a token XOR'd with the pad. The DR operation token (replication issue) is the
 * same flow with another strategy, which is why the strategy is a parameter.
 */
export type GenerateStrategy = 'root' | 'dr-operation';

export interface GenerateRootStatus {
  nonce: string;
  started: boolean;
  progress: number;
  required: number;
  complete: boolean;
  encoded_token: string;
  encoded_root_token: string;
  pgp_fingerprint: string;
  otp: string;
  otp_length: number;
}

interface Attempt {
  readonly nonce: string;
  readonly otp: string;
  readonly strategy: GenerateStrategy;
  readonly shares: Uint8Array[];
}

export const OTP_LENGTH = SERVICE_TOKEN_PREFIX.length + TOKEN_BODY_LENGTH;

export class GenerateRootOperation {
  private attempt: Attempt | null = null;

  constructor(
    private readonly seal: ShamirSeal,
    /** Makes the token once the shares check out. */
    private readonly mint: (strategy: GenerateStrategy) => Promise<string>,
  ) {}

  async status(
    strategy: GenerateStrategy,
    extra: Partial<GenerateRootStatus> = {},
  ): Promise<GenerateRootStatus> {
    const config = await this.seal.config();
    const own = this.attempt?.strategy === strategy ? this.attempt : null;
    return {
      nonce: own?.nonce ?? '',
      started: own !== null,
      progress: own?.shares.length ?? 0,
      required: config?.secretThreshold ?? 0,
      complete: false,
      encoded_token: '',
      encoded_root_token: '',
      pgp_fingerprint: '',
      otp: '',
      otp_length: OTP_LENGTH,
      ...extra,
    };
  }

  /** Starts an attempt; with no OTP given, one is generated and returned once. */
  async start(
    strategy: GenerateStrategy,
    otp: string | undefined,
    pgpKey: string | undefined,
  ): Promise<GenerateRootStatus> {
    if ((await this.seal.config()) === null) throw badRequest('server is not yet initialized');
    if (this.attempt) throw badRequest('root generation already in progress');
    if (pgpKey)
      throw badRequest(
        'error parsing PGP key: PGP-encrypted tokens are not supported by hvr yet; use an OTP',
      );
    let pad = otp ?? '';
    let generated = '';
    if (pad === '') {
      pad = randomBase62(OTP_LENGTH);
      generated = pad;
    } else if (pad.length !== OTP_LENGTH) {
      throw badRequest('OTP string is wrong length');
    }
    this.attempt = { nonce: randomUUID(), otp: pad, strategy, shares: [] };
    return this.status(strategy, { otp: generated });
  }

  cancel(): void {
    this.attempt = null;
  }

  async update(strategy: GenerateStrategy, share: Uint8Array, nonce: string): Promise<GenerateRootStatus> {
    const attempt = this.attempt;
    if (!attempt) throw badRequest('no root generation in progress');
    if (attempt.strategy !== strategy) {
      throw badRequest(
        'incorrect strategy supplied; a generate root operation of another type is already in progress',
      );
    }
    if (nonce !== attempt.nonce) {
      throw badRequest(
        `incorrect nonce supplied; nonce for this root generation operation is "${attempt.nonce}"`,
      );
    }
    if (attempt.shares.some((s) => s.length === share.length && timingSafeEqual(s, share))) {
      throw badRequest('given key has already been provided during this generation operation');
    }
    attempt.shares.push(share);
    const config = await this.seal.config();
    const required = config?.secretThreshold ?? 1;
    if (attempt.shares.length < required) return this.status(strategy);
    this.attempt = null;
    const key = await this.seal.recoverKey(attempt.shares);
    if (!key)
      throw badRequest(
        "root generation aborted: the key shares do not reconstruct this cluster's unseal key",
      );
    const token = await this.mint(strategy);
    const encoded = encodeToken(token, attempt.otp);
    return {
      nonce: attempt.nonce,
      started: true,
      progress: attempt.shares.length,
      required,
      complete: true,
      encoded_token: encoded,
      encoded_root_token: strategy === 'root' ? encoded : '',
      pgp_fingerprint: '',
      otp: '',
      otp_length: OTP_LENGTH,
    };
  }
}

/** base64 (no padding) of token XOR otp, as Vault's roottoken.EncodeToken. */
export function encodeToken(token: string, otp: string): string {
  const a = Buffer.from(token, 'utf8');
  const b = Buffer.from(otp, 'utf8');
  if (a.length !== b.length) throw badRequest('OTP and token have different lengths');
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out.toString('base64').replace(/=+$/, '');
}

/** The inverse: `vault operator generate-root -decode=X -otp=Y`. */
export function decodeToken(encoded: string, otp: string): string {
  const a = Buffer.from(encoded, 'base64');
  const b = Buffer.from(otp, 'utf8');
  if (a.length !== b.length) throw new Error('the OTP and the encoded token have different lengths');
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out.toString('utf8');
}
