import { beforeEach, describe, expect, test } from 'vitest';
import { Barrier } from '../../src/core/barrier.js';
import { decodeKeyShare, ShamirSeal, validateSealConfig } from '../../src/core/seal.js';
import { KEYS } from '../../src/core/storage-keys.js';
import { HvrError } from '../../src/logical/errors.js';
import { MemoryBackend } from '../../src/storage/memory.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const node = () => {
  const physical = new MemoryBackend();
  const barrier = new Barrier(physical);
  return { physical, barrier, seal: new ShamirSeal(physical, barrier) };
};

const pick = (shares: readonly Uint8Array[], ...indexes: number[]): Uint8Array[] =>
  indexes.map((i) => {
    const share = shares[i];
    if (!share) throw new Error(`no share ${i}`);
    return share;
  });

describe('ShamirSeal', () => {
  let physical: MemoryBackend;
  let barrier: Barrier;
  let seal: ShamirSeal;

  beforeEach(() => {
    ({ physical, barrier, seal } = node());
  });

  test('initialize writes the config in clear, hands out the shares, and leaves the barrier sealed', async () => {
    expect(await seal.config()).toBeNull();
    const { shares, unsealKey } = await seal.initialize(5, 3);
    expect(shares).toHaveLength(5);
    expect(unsealKey).toHaveLength(32);
    expect(new Set(shares.map((s) => Buffer.from(s).toString('hex'))).size).toBe(5);
    expect(barrier.isSealed).toBe(true);
    expect(await seal.config()).toEqual({ type: 'shamir', secretShares: 5, secretThreshold: 3 });
    const stored = await physical.get(KEYS.sealConfig);
    expect(JSON.parse(new TextDecoder().decode(stored?.value))).toEqual({
      type: 'shamir',
      secretShares: 5,
      secretThreshold: 3,
    });
    // A second node reading the same storage sees the same config.
    expect(await new ShamirSeal(physical, new Barrier(physical)).config()).toEqual(await seal.config());
    expect(await rejection(seal.initialize(5, 3))).toMatchObject({
      status: 400,
      message: 'Vault is already initialized',
    });
  });

  test('shares below the threshold make progress; the threshold opens the barrier and resets progress', async () => {
    const { shares } = await seal.initialize(5, 3);
    const [a, b, c] = pick(shares, 4, 1, 2);
    if (!a || !b || !c) throw new Error('missing shares');
    expect(await seal.submitShare(a)).toBe(false);
    const first = seal.progress();
    expect(first.progress).toBe(1);
    expect(first.nonce).toMatch(/^[0-9a-f-]{36}$/);
    // The same share again is ignored, as Vault does.
    expect(await seal.submitShare(a)).toBe(false);
    expect(seal.progress()).toEqual(first);
    expect(await seal.submitShare(b)).toBe(false);
    expect(seal.progress()).toEqual({ progress: 2, nonce: first.nonce });
    expect(await seal.submitShare(c)).toBe(true);
    expect(barrier.isSealed).toBe(false);
    expect(seal.progress()).toEqual({ progress: 0, nonce: '' });
    // Unsealed already: any further share is a no-op success.
    expect(await seal.submitShare(a)).toBe(true);
  });

  test('shares from another cluster do not open the barrier, and progress starts over', async () => {
    await seal.initialize(3, 2);
    const other = node();
    const { shares: foreign } = await other.seal.initialize(3, 2);
    const [x, y] = pick(foreign, 0, 1);
    if (!x || !y) throw new Error('missing shares');
    expect(await seal.submitShare(x)).toBe(false);
    const error = await rejection(seal.submitShare(y));
    expect(error).toBeInstanceOf(HvrError);
    expect(error).toMatchObject({
      status: 400,
      message: 'failed to unseal: cipher: message authentication failed',
    });
    expect(barrier.isSealed).toBe(true);
    expect(seal.progress()).toEqual({ progress: 0, nonce: '' });
  });

  test('reset forgets the shares given so far', async () => {
    const { shares } = await seal.initialize(3, 2);
    const [a, b] = pick(shares, 0, 1);
    if (!a || !b) throw new Error('missing shares');
    await seal.submitShare(a);
    seal.reset();
    expect(seal.progress().progress).toBe(0);
    expect(await seal.submitShare(b)).toBe(false);
    expect(await seal.submitShare(a)).toBe(true);
  });

  test('one share of one: the share is the unseal key itself', async () => {
    const { shares, unsealKey } = await seal.initialize(1, 1);
    expect(shares).toHaveLength(1);
    expect(Buffer.from(shares[0] ?? []).equals(Buffer.from(unsealKey))).toBe(true);
    expect(await seal.submitShare(unsealKey)).toBe(true);
    expect(barrier.isSealed).toBe(false);
  });

  test('recoverKey combines shares and checks them against the stored root key', async () => {
    const { shares, unsealKey } = await seal.initialize(5, 3);
    const key = await seal.recoverKey(pick(shares, 0, 2, 4));
    expect(Buffer.from(key ?? []).equals(Buffer.from(unsealKey))).toBe(true);
    const foreign = await node().seal.initialize(5, 3);
    expect(await seal.recoverKey(pick(foreign.shares, 0, 1, 2))).toBeNull();
    expect(barrier.isSealed).toBe(true);
  });

  test('an uninitialized seal refuses shares', async () => {
    const error = await rejection(seal.submitShare(new Uint8Array(32)));
    expect(error).toMatchObject({ status: 400, message: 'Vault is not initialized' });
  });
});

describe('validateSealConfig', () => {
  test.each([
    [0, 0, 'shares must be at least one'],
    [1, 0, 'threshold must be at least one'],
    [3, 1, 'threshold must be greater than one for multiple shares'],
    [256, 3, 'shares must be less than 256'],
    [2, 3, 'threshold must be less than or equal to shares'],
  ])('%i shares, threshold %i: %s', (shares, threshold, message) => {
    expect(() => validateSealConfig(shares, threshold)).toThrow(message);
  });

  test.each([
    [1, 1],
    [5, 3],
    [255, 255],
  ])('%i shares, threshold %i is fine', (shares, threshold) => {
    expect(() => validateSealConfig(shares, threshold)).not.toThrow();
  });
});

describe('decodeKeyShare', () => {
  const bytes = new Uint8Array(Array.from({ length: 33 }, (_, i) => (i * 37 + 11) % 256));

  test('hex and base64 decode to the same bytes; whitespace is trimmed', () => {
    const fromHex = decodeKeyShare(` ${Buffer.from(bytes).toString('hex')}\n`);
    const fromBase64 = decodeKeyShare(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(fromHex).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(fromBase64).equals(Buffer.from(bytes))).toBe(true);
  });

  test('anything else is a 400', () => {
    expect(() => decodeKeyShare('not a key!')).toThrow("'key' must be a valid hex or base64 string");
  });
});
