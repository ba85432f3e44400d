import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { DecryptError } from '../../src/core/aead.js';
import { Barrier } from '../../src/core/barrier.js';
import { KEYS } from '../../src/core/storage-keys.js';
import { HvrError } from '../../src/logical/errors.js';
import { MemoryBackend } from '../../src/storage/memory.js';

const text = (value: string) => new TextEncoder().encode(value);
const utf8 = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The term a stored entry was written under: bytes 1..4, big endian, after the version byte. */
const termOf = (stored: Uint8Array) =>
  new DataView(stored.buffer, stored.byteOffset, stored.byteLength).getUint32(1);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('Barrier', () => {
  let physical: MemoryBackend;
  let barrier: Barrier;
  let unsealKey: Uint8Array;

  beforeEach(async () => {
    physical = new MemoryBackend();
    barrier = new Barrier(physical);
    unsealKey = new Uint8Array(randomBytes(32));
    await barrier.initialize(unsealKey);
  });

  test('starts sealed; the unseal key opens it and seal() closes it again', async () => {
    expect(barrier.isSealed).toBe(true);
    await barrier.unseal(unsealKey);
    expect(barrier.isSealed).toBe(false);
    barrier.seal();
    expect(barrier.isSealed).toBe(true);
  });

  test('a wrong unseal key is refused and the barrier stays sealed', async () => {
    const error = await rejection(barrier.unseal(new Uint8Array(randomBytes(32))));
    expect(error).toBeInstanceOf(DecryptError);
    expect(barrier.isSealed).toBe(true);
    expect(await barrier.verifyUnsealKey(unsealKey)).toBe(true);
    expect(await barrier.verifyUnsealKey(new Uint8Array(32))).toBe(false);
  });

  test('while sealed every read and write is "Vault is sealed" (503)', async () => {
    const ops: Array<() => Promise<unknown>> = [
      () => barrier.get('logical/x'),
      () => barrier.put({ key: 'logical/x', value: text('v') }),
      () => barrier.delete('logical/x'),
      () => barrier.list('logical/'),
      () => barrier.scan('logical/'),
      () => barrier.transaction(() => undefined),
    ];
    for (const op of ops) {
      const error = await rejection(op());
      expect(error).toBeInstanceOf(HvrError);
      expect(error).toMatchObject({ code: 'HVR_SEALED', status: 503, message: 'Vault is sealed' });
    }
    expect(await physical.scan('logical/')).toEqual([]);
  });

  describe('unsealed', () => {
    beforeEach(async () => {
      await barrier.unseal(unsealKey);
    });

    test('round-trips values; storage holds only version | term | AES-GCM ciphertext', async () => {
      await barrier.put({ key: 'logical/secret', value: text('hunter2-hunter2') });
      expect(utf8((await barrier.get('logical/secret'))?.value)).toBe('hunter2-hunter2');
      const stored = (await physical.get('logical/secret'))?.value;
      if (!stored) throw new Error('nothing stored');
      expect(stored[0]).toBe(1);
      expect(termOf(stored)).toBe(1);
      // header(5) + nonce(12) + ciphertext(15) + tag(16)
      expect(stored.length).toBe(5 + 12 + 15 + 16);
      expect(Buffer.from(stored).includes(Buffer.from('hunter2'))).toBe(false);
      expect(await barrier.get('logical/missing')).toBeNull();
    });

    test('every write gets a fresh nonce: the same value encrypts differently', async () => {
      await barrier.put({ key: 'logical/a', value: text('same') });
      const first = (await physical.get('logical/a'))?.value;
      await barrier.put({ key: 'logical/a', value: text('same') });
      const second = (await physical.get('logical/a'))?.value;
      expect(Buffer.from(first ?? []).equals(Buffer.from(second ?? []))).toBe(false);
      expect(
        Buffer.from(first ?? [])
          .subarray(5, 17)
          .equals(Buffer.from(second ?? []).subarray(5, 17)),
      ).toBe(false);
    });

    test('a ciphertext is bound to its key: moved or altered, it does not decrypt', async () => {
      await barrier.put({ key: 'logical/a', value: text('for a only') });
      const stored = (await physical.get('logical/a'))?.value;
      if (!stored) throw new Error('nothing stored');
      await physical.put({ key: 'logical/b', value: stored });
      expect(await rejection(barrier.get('logical/b'))).toMatchObject({
        code: 'HVR_INTERNAL',
        message: 'storage entry logical/b failed to decrypt',
      });
      const tampered = stored.slice();
      tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
      await physical.put({ key: 'logical/a', value: tampered });
      expect(await rejection(barrier.get('logical/a'))).toMatchObject({ code: 'HVR_INTERNAL' });
      const unknownVersion = stored.slice();
      unknownVersion[0] = 9;
      await physical.put({ key: 'logical/c', value: unknownVersion });
      expect(await rejection(barrier.get('logical/c'))).toMatchObject({
        message: 'storage entry logical/c has an unknown format',
      });
    });

    test('rotate adds a term: new writes use it, old entries stay readable, across a reseal', async () => {
      await barrier.put({ key: 'logical/old', value: text('written under term 1') });
      const term = await barrier.rotate();
      expect(term.term).toBe(2);
      expect(barrier.keyStatus().term).toBe(2);
      await barrier.put({ key: 'logical/new', value: text('written under term 2') });
      expect(termOf((await physical.get('logical/old'))?.value ?? new Uint8Array(5))).toBe(1);
      expect(termOf((await physical.get('logical/new'))?.value ?? new Uint8Array(5))).toBe(2);

      barrier.seal();
      await barrier.unseal(unsealKey);
      expect(barrier.keyStatus().term).toBe(2);
      expect(utf8((await barrier.get('logical/old'))?.value)).toBe('written under term 1');
      expect(utf8((await barrier.get('logical/new'))?.value)).toBe('written under term 2');
    });

    test('the seal configuration passes through in clear; the keyring never does', async () => {
      await barrier.put({ key: KEYS.sealConfig, value: text('{"type":"shamir"}') });
      expect(utf8((await physical.get(KEYS.sealConfig))?.value)).toBe('{"type":"shamir"}');
      const keyring = (await physical.get(KEYS.keyring))?.value;
      expect(keyring).toBeDefined();
      expect(utf8(keyring)).not.toContain('activeTerm');
    });

    test('transactions encrypt their writes and decrypt their reads, all or nothing', async () => {
      await barrier.put({ key: 'logical/t1', value: text('one') });
      const seen = await barrier.transaction((tx) => {
        const before = utf8(tx.get('logical/t1')?.value);
        tx.put({ key: 'logical/t2', value: text('two') });
        tx.delete('logical/t1');
        return before;
      });
      expect(seen).toBe('one');
      expect(await barrier.get('logical/t1')).toBeNull();
      expect(utf8((await barrier.get('logical/t2'))?.value)).toBe('two');
      expect(utf8((await physical.get('logical/t2'))?.value)).not.toContain('two');

      await expect(
        barrier.transaction((tx) => {
          tx.put({ key: 'logical/t3', value: text('three') });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await barrier.get('logical/t3')).toBeNull();
      expect(await barrier.list('logical/')).toEqual(['t2']);
    });
  });
});
