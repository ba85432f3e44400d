import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { split } from 'shamir-secret-sharing';
import { badRequest, HvrError } from '../logical/errors.js';
import type { Barrier } from './barrier.js';
import { type SealConfig, type ShamirSeal, validateSealConfig } from './seal.js';

/**
 * Vault's barrier rekey (vault/rekey.go): a threshold of the current unseal key shares
 * authorises a new unseal key, split into new shares; with verification required, the new
 * key only takes effect once a threshold of the new shares has been given back. The root key
 * and the keyring stay as they are: only the root key's wrapping changes (`Barrier.rewrap`).
 */
export interface RekeyStatus {
  nonce: string;
  started: boolean;
  t: number;
  n: number;
  progress: number;
  required: number;
  pgp_fingerprints: null;
  backup: boolean;
  verification_required: boolean;
  verification_nonce?: string;
}

export interface RekeyResult {
  nonce: string;
  complete: true;
  keys: string[];
  keys_base64: string[];
  verification_required: boolean;
  verification_nonce?: string;
}

export interface RekeyVerifyStatus {
  nonce: string;
  started: boolean;
  t: number;
  n: number;
  progress: number;
}

interface Attempt {
  readonly nonce: string;
  readonly shares: number;
  readonly threshold: number;
  readonly verificationRequired: boolean;
  progress: Uint8Array[];
  /** Set once the old shares were accepted and verification is awaited. */
  verification?: { nonce: string; key: Uint8Array; progress: Uint8Array[] };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && timingSafeEqual(a, b);
const hex = (k: Uint8Array) => Buffer.from(k).toString('hex');
const b64 = (k: Uint8Array) => Buffer.from(k).toString('base64');

export class RekeyOperation {
  private attempt: Attempt | null = null;

  constructor(
    private readonly seal: ShamirSeal,
    private readonly barrier: Barrier,
    /** Stores the new seal config and the root key wrapped by the new unseal key. */
    private readonly commit: (config: SealConfig, newKey: Uint8Array) => Promise<void>,
  ) {}

  async status(): Promise<RekeyStatus> {
    const config = await this.requireConfig();
    const a = this.attempt;
    return {
      nonce: a?.nonce ?? '',
      started: a !== null,
      t: a?.threshold ?? 0,
      n: a?.shares ?? 0,
      progress: a?.progress.length ?? 0,
      required: config.secretThreshold,
      pgp_fingerprints: null,
      backup: false,
      verification_required: a?.verificationRequired ?? false,
      ...(a?.verification ? { verification_nonce: a.verification.nonce } : {}),
    };
  }

  async start(shares: number, threshold: number, verificationRequired: boolean): Promise<RekeyStatus> {
    if (threshold > shares) throw badRequest('provided threshold greater than the total shares');
    try {
      validateSealConfig(shares, threshold);
    } catch (error) {
      // Vault answers an invalid rekey configuration with a 500 (BarrierRekeyInit).
      if (error instanceof HvrError)
        throw new HvrError('HVR_INTERNAL', 500, `invalid rekey seal configuration: ${error.message}`);
      throw error;
    }
    await this.requireConfig();
    if (this.attempt) throw badRequest('rekey already in progress');
    this.attempt = { nonce: randomUUID(), shares, threshold, verificationRequired, progress: [] };
    return this.status();
  }

  cancel(): void {
    this.attempt = null;
  }

  /** One current share; the status while more are needed, the new keys once enough were given. */
  async update(key: Uint8Array, nonce: string): Promise<RekeyStatus | RekeyResult> {
    const config = await this.requireConfig();
    checkLength(key);
    const a = this.attempt;
    if (!a) throw badRequest('no barrier rekey in progress');
    if (a.verification) {
      throw badRequest(
        `rekey operation already finished; verification must be performed; nonce for the verification operation is ${JSON.stringify(a.verification.nonce)}`,
      );
    }
    if (nonce !== a.nonce) {
      throw badRequest(
        `incorrect nonce supplied; nonce for this rekey operation is ${JSON.stringify(a.nonce)}`,
      );
    }
    if (a.progress.some((k) => sameBytes(k, key))) {
      throw badRequest('given key has already been provided during this generation operation');
    }
    a.progress.push(key);
    if (a.progress.length < config.secretThreshold) return this.status();
    const given = a.progress;
    a.progress = [];
    if ((await this.seal.recoverKey(given)) === null) {
      throw badRequest('rootter key verification failed: cipher: message authentication failed');
    }
    const newKey = new Uint8Array(randomBytes(32));
    const newShares = a.shares === 1 ? [newKey] : await split(newKey, a.shares, a.threshold);
    const result: RekeyResult = {
      nonce: a.nonce,
      complete: true,
      keys: newShares.map(hex),
      keys_base64: newShares.map(b64),
      verification_required: a.verificationRequired,
    };
    if (a.verificationRequired) {
      const verifyNonce = randomUUID();
      a.verification = { nonce: verifyNonce, key: newKey, progress: [] };
      return { ...result, verification_nonce: verifyNonce };
    }
    await this.perform(a, newKey);
    return result;
  }

  verifyStatus(): RekeyVerifyStatus {
    const a = this.attempt;
    const v = a?.verification;
    return {
      nonce: v?.nonce ?? '',
      started: v !== undefined,
      t: a?.threshold ?? 0,
      n: a?.shares ?? 0,
      progress: v?.progress.length ?? 0,
    };
  }

  /** One new share; `{nonce, complete}` once a threshold of them rebuilt the new key. */
  async verify(
    key: Uint8Array,
    nonce: string,
  ): Promise<RekeyVerifyStatus | { nonce: string; complete: true }> {
    checkLength(key);
    const a = this.attempt;
    if (!a) throw badRequest('no rekey in progress');
    const v = a.verification;
    if (!v) throw badRequest('no rekey verification in progress');
    if (nonce !== v.nonce) {
      throw badRequest(
        `incorrect nonce supplied; nonce for this verify operation is ${JSON.stringify(v.nonce)}`,
      );
    }
    if (v.progress.some((k) => sameBytes(k, key))) {
      throw badRequest('given key has already been provided during this verify operation');
    }
    v.progress.push(key);
    if (v.progress.length < a.threshold) return this.verifyStatus();
    const given = v.progress;
    v.progress = [];
    let rebuilt: Uint8Array | null = null;
    try {
      rebuilt = a.threshold === 1 ? (given[0] ?? null) : await this.seal.combine(given);
    } catch {
      rebuilt = null;
    }
    if (rebuilt === null || !sameBytes(rebuilt, v.key)) {
      v.nonce = randomUUID(); // Vault rotates the verification nonce after a failed attempt
      throw badRequest('rekey verification failed; incorrect key shares supplied');
    }
    await this.perform(a, v.key);
    return { nonce: v.nonce, complete: true };
  }

  /** DELETE sys/rekey/verify: start verification over with a new nonce. */
  restartVerification(): RekeyVerifyStatus {
    const v = this.attempt?.verification;
    if (v) {
      v.progress = [];
      v.nonce = randomUUID();
    }
    return this.verifyStatus();
  }

  private async perform(a: Attempt, newKey: Uint8Array): Promise<void> {
    await this.commit({ type: 'shamir', secretShares: a.shares, secretThreshold: a.threshold }, newKey);
    this.attempt = null;
  }

  private async requireConfig(): Promise<SealConfig> {
    if (this.barrier.isSealed) throw new HvrError('HVR_SEALED', 503, 'Vault is sealed');
    const config = await this.seal.config();
    if (config === null) throw badRequest('Vault is not initialized');
    return config;
  }
}

/** Vault's bounds: the 32-byte key, plus one byte of Shamir overhead for a share. */
function checkLength(key: Uint8Array): void {
  if (key.length < 16) throw badRequest('key is shorter than minimum 16 bytes');
  if (key.length > 33) throw badRequest('key is longer than maximum 33 bytes');
}
