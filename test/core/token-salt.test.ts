import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { Barrier } from '../../src/core/barrier.js';
import { KEYS } from '../../src/core/storage-keys.js';
import { hashId } from '../../src/core/token-id.js';
import { TokenStore } from '../../src/core/token-store.js';
import { createView, type StorageView } from '../../src/logical/storage-view.js';
import { MemoryBackend } from '../../src/storage/memory.js';

async function openView(): Promise<{ view: StorageView; barrier: Barrier }> {
  const barrier = new Barrier(new MemoryBackend());
  const key = new Uint8Array(randomBytes(32));
  await barrier.initialize(key);
  await barrier.unseal(key);
  return { view: createView(barrier), barrier };
}

const keysUnder = async (view: StorageView, prefix: string) =>
  (await view.scan(prefix)).map((k) => k.slice(prefix.length));

/**
 * Vault's TokenStore.SaltID: token ids are stored salted, so the storage keys do not let a
 * reader confirm a guessed token. A store written before the salt existed is re-keyed once.
 */
describe('token keys salted per cluster', () => {
  test('a salted store never names a token, accessor or parent by its bare SHA-256', async () => {
    const { view, barrier } = await openView();
    const store = new TokenStore(view, barrier);
    expect(await store.salt.ensure()).toBe(0);
    const parent = await store.create({
      parent: '',
      policies: ['root'],
      path: 'p',
      displayName: 'x',
      ttl: 0,
    });
    const child = await store.create({
      parent: parent.id,
      policies: ['a'],
      path: 'p',
      displayName: 'x',
      ttl: 60,
    });
    const plain = [parent.id, child.id, parent.accessor, child.accessor].map(hashId);
    const all = [
      ...(await keysUnder(view, KEYS.tokenIdPrefix)),
      ...(await keysUnder(view, KEYS.tokenAccessorPrefix)),
      ...(await keysUnder(view, KEYS.tokenParentPrefix)).flatMap((k) => k.split('/')),
    ];
    expect(all).toHaveLength(6);
    for (const name of plain) expect(all).not.toContain(name);
    expect((await store.lookup(child.id))?.accessor).toBe(child.accessor);
  });

  test('the first unseal with a salt re-keys legacy entries; lookups, accessors and trees keep working', async () => {
    const { view, barrier } = await openView();
    // Without a stored salt the store writes the legacy (unsalted SHA-256) keys.
    const legacy = new TokenStore(view, barrier);
    const parent = await legacy.create({ parent: '', policies: ['a'], path: 'p', displayName: 'x', ttl: 0 });
    const child = await legacy.create({
      parent: parent.id,
      policies: ['a'],
      path: 'auth/token/create',
      displayName: 'x',
      ttl: 600,
      leaseIdFor: (_e, idKey) => `auth/token/create/${idKey.slice(0, 40)}`,
    });
    await view.put(
      `${KEYS.leasePrefix}${child.leaseId}`,
      new TextEncoder().encode(
        JSON.stringify({
          leaseId: child.leaseId,
          clientToken: child.id,
          kind: 'auth',
          issueTime: 1,
          expireTime: 2,
        }),
      ),
    );
    expect(await keysUnder(view, KEYS.tokenIdPrefix)).toContain(hashId(child.id));

    const store = new TokenStore(view, barrier);
    expect(await store.salt.ensure()).toBe(2);
    expect(await store.salt.ensure()).toBe(0);
    const ids = await keysUnder(view, KEYS.tokenIdPrefix);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(hashId(child.id));
    expect(ids).not.toContain(hashId(parent.id));
    const moved = await store.lookup(child.id);
    expect(moved?.leaseId).toMatch(/^auth\/token\/create\/[0-9a-f]{40}$/);
    expect(moved?.leaseId).not.toBe(child.leaseId);
    expect(await keysUnder(view, KEYS.leasePrefix)).toEqual([moved?.leaseId]);
    expect((await store.lookupAccessor(parent.accessor))?.id).toBe(parent.id);
    const parentEntry = await store.lookup(parent.id);
    if (!parentEntry) throw new Error('parent lost in the migration');
    await store.revokeTree(parentEntry);
    expect(await store.lookup(child.id)).toBeNull();
    expect(await keysUnder(view, KEYS.tokenIdPrefix)).toEqual([]);
  });
});
