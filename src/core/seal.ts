import { randomBytes, randomUUID } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { badRequest, HvrError } from '../logical/errors.js';
import type { PhysicalBackend } from '../storage/physical.js';
import { DecryptError } from './aead.js';
import type { Barrier } from './barrier.js';
import { KEYS } from './storage-keys.js';

/** Shamir seal: the unseal key is split into shares; a threshold of them opens the barrier. */
export interface SealConfig {
  readonly type: 'shamir';
  readonly secretShares: number;
  readonly secretThreshold: number;
}

export interface SealProgress {
  readonly progress: number;
  readonly nonce: string;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class ShamirSeal {
  private shares: Uint8Array[] = [];
  private nonce = '';
  private cachedConfig: SealConfig | null | undefined;

  constructor(
    private readonly physical: PhysicalBackend,
    private readonly barrier: Barrier,
  ) {}

  async config(): Promise<SealConfig | null> {
    if (this.cachedConfig !== undefined) return this.cachedConfig;
    const entry = await this.physical.get(KEYS.sealConfig);
    this.cachedConfig = entry ? (JSON.parse(decoder.decode(entry.value)) as SealConfig) : null;
    return this.cachedConfig;
  }

  /** The seal configuration changed underneath (a DR secondary took its primary's). */
  forgetConfig(): void {
    this.cachedConfig = undefined;
    this.reset();
  }

  progress(): SealProgress {
    return { progress: this.shares.length, nonce: this.nonce };
  }

  /** Creates the keys; returns the shares and the key. The barrier stays sealed. */
  async initialize(
    secretShares: number,
    secretThreshold: number,
  ): Promise<{ shares: Uint8Array[]; unsealKey: Uint8Array }> {
    validateSealConfig(secretShares, secretThreshold);
    if ((await this.config()) !== null) throw badRequest('Vault is already initialized');
    const unsealKey = new Uint8Array(randomBytes(32));
    const shares = secretShares === 1 ? [unsealKey] : await split(unsealKey, secretShares, secretThreshold);
    await this.barrier.initialize(unsealKey);
    const config: SealConfig = { type: 'shamir', secretShares, secretThreshold };
    await this.physical.put({ key: KEYS.sealConfig, value: encoder.encode(JSON.stringify(config)) });
    this.cachedConfig = config;
    return { shares, unsealKey };
  }

  /**
   * Adds one share. Returns true when the barrier opened. A share already given is
   * ignored, as Vault does; a wrong combination resets progress and fails.
   */
  async submitShare(share: Uint8Array): Promise<boolean> {
    const config = await this.config();
    if (config === null) throw badRequest('Vault is not initialized');
    if (!this.barrier.isSealed) return true;
    if (this.shares.some((s) => Buffer.compare(Buffer.from(s), Buffer.from(share)) === 0)) return false;
    if (this.shares.length === 0) this.nonce = randomUUID();
    this.shares.push(share);
    if (this.shares.length < config.secretThreshold) return false;
    const given = this.shares;
    this.reset();
    const key = await this.combineShares(config, given);
    try {
      await this.barrier.unseal(key);
    } catch (error) {
      if (error instanceof DecryptError) {
        throw badRequest('failed to unseal: cipher: message authentication failed');
      }
      throw error;
    }
    return true;
  }

  /** Combines shares into the unseal key and checks it against the stored root key. */
  async recoverKey(shares: readonly Uint8Array[]): Promise<Uint8Array | null> {
    const config = await this.config();
    if (config === null) return null;
    const key = await this.combineShares(config, shares);
    return (await this.barrier.verifyUnsealKey(key)) ? key : null;
  }

  /** Combines shares as given, without checking the result against the root key. */
  async combine(shares: readonly Uint8Array[]): Promise<Uint8Array> {
    return combine(shares.map((s) => new Uint8Array(s)));
  }

  reset(): void {
    this.shares = [];
    this.nonce = '';
  }

  private async combineShares(config: SealConfig, shares: readonly Uint8Array[]): Promise<Uint8Array> {
    if (config.secretShares === 1) {
      const only = shares[0];
      if (!only) throw badRequest('no key given');
      return only;
    }
    try {
      return await combine(shares.map((s) => new Uint8Array(s)));
    } catch (error) {
      throw badRequest(`failed to combine key shares: ${(error as Error).message}`);
    }
  }
}

export function validateSealConfig(shares: number, threshold: number): void {
  if (!Number.isInteger(shares) || shares < 1) throw badRequest('shares must be at least one');
  if (!Number.isInteger(threshold) || threshold < 1) throw badRequest('threshold must be at least one');
  if (shares > 1 && threshold === 1)
    throw badRequest('threshold must be greater than one for multiple shares');
  if (shares > 255) throw badRequest('shares must be less than 256');
  if (threshold > shares) throw badRequest('threshold must be less than or equal to shares');
}

/** Vault accepts unseal keys in hex or base64. */
export function decodeKeyShare(text: string): Uint8Array {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]+$/.test(trimmed) && trimmed.length % 2 === 0) {
    return new Uint8Array(Buffer.from(trimmed, 'hex'));
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return new Uint8Array(Buffer.from(trimmed, 'base64'));
  throw new HvrError('HVR_BAD_REQUEST', 400, "'key' must be a valid hex or base64 string");
}
