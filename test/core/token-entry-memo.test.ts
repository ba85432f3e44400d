import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { Barrier } from '../../src/core/barrier.js';
import { KEYS } from '../../src/core/storage-keys.js';
import { createView, encodeJSON } from '../../src/core/storage-view.js';
import { TokenStore } from '../../src/core/token-store.js';
import type { TokenEntry } from '../../src/logical/token-entry.js';
import { MemoryBackend } from '../../src/storage/memory.js';

/**
 * TokenStore keeps parsed token entries beside the ciphertext they came from. These tests
 * change the stored entry the way a DR secondary's apply path does (stored bytes written
 * straight to the physical backend, nothing told) and check the next lookup sees it.
 */
describe('the token entry memo', () => {
  let physical: MemoryBackend;
  let barrier: Barrier;
  let store: TokenStore;
  const unsealKey = new Uint8Array(randomBytes(32));

  beforeEach(async () => {
    physical = new MemoryBackend();
    barrier = new Barrier(physical);
    await barrier.initialize(unsealKey);
    await barrier.unseal(unsealKey);
    store = new TokenStore(createView(barrier), barrier);
    await store.salt.ensure();
  });

  const make = () =>
    store.create({
      parent: '',
      policies: ['default'],
      path: 'auth/token/create',
      displayName: 'token',
      ttl: 0,
    });
  const storageKey = async (entry: TokenEntry) => `${KEYS.tokenIdPrefix}${await store.salt.id(entry.id)}`;
  /** What replication does on a secondary: the primary's stored bytes, put below the barrier. */
  const replicatedPut = async (key: string, entry: TokenEntry) =>
    physical.put({ key, value: barrier.encrypt(key, encodeJSON(entry)) });

  test('a lookup of an unchanged entry does not decrypt it again', async () => {
    const entry = await make();
    expect((await store.lookup(entry.id))?.policies).toEqual(['default']);
    const decrypt = vi.spyOn(barrier, 'decrypt');
    expect((await store.lookup(entry.id))?.id).toBe(entry.id);
    expect(decrypt).not.toHaveBeenCalled();
  });

  test('an entry deleted below the barrier (a replicated revocation) is gone at the next lookup', async () => {
    const entry = await make();
    expect(await store.lookup(entry.id)).not.toBeNull();
    await physical.delete(await storageKey(entry));
    expect(await store.lookup(entry.id)).toBeNull();
  });

  test('an entry rewritten below the barrier (a replicated use or renewal) is read afresh', async () => {
    const entry = await make();
    expect((await store.lookup(entry.id))?.numUses).toBe(0);
    await replicatedPut(await storageKey(entry), { ...entry, numUses: 3, policies: ['other'] });
    const seen = await store.lookup(entry.id);
    expect(seen?.numUses).toBe(3);
    expect(seen?.policies).toEqual(['other']);
  });

  test('a wipe followed by a different cluster keyring never brings an old entry back', async () => {
    const entry = await make();
    const key = await storageKey(entry);
    const stored = await physical.get(key);
    expect(await store.lookup(entry.id)).not.toBeNull();
    // A secondary's activation: everything wiped, the primary's keyring installed.
    for (const k of await physical.scan('')) await physical.delete(k);
    const other = new Barrier(new MemoryBackend());
    await other.initialize(unsealKey);
    await other.unseal(unsealKey);
    barrier.installKeyring(other.exportKeyring());
    // The old bytes coming back (they cannot decrypt under the new keyring) are not served from memory.
    if (stored) await physical.put({ key, value: stored.value });
    await expect(store.lookup(entry.id)).rejects.toThrow(/failed to decrypt|unknown keyring term/);
  });

  test('sealing empties the memo; after unsealing the entry is decrypted again', async () => {
    const entry = await make();
    await store.lookup(entry.id);
    barrier.seal();
    await expect(store.lookup(entry.id)).rejects.toThrow();
    await barrier.unseal(unsealKey);
    const decrypt = vi.spyOn(barrier, 'decrypt');
    expect((await store.lookup(entry.id))?.id).toBe(entry.id);
    expect(decrypt).toHaveBeenCalled();
  });
});
