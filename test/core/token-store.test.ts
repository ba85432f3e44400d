import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Barrier } from '../../src/core/barrier.js';
import { KEYS } from '../../src/core/storage-keys.js';
import { hashId } from '../../src/core/token-id.js';
import { type CreateTokenOptions, TokenStore } from '../../src/core/token-store.js';
import { HvrError } from '../../src/logical/errors.js';
import { createView } from '../../src/logical/storage-view.js';
import type { TokenEntry } from '../../src/logical/token-entry.js';
import { MemoryBackend } from '../../src/storage/memory.js';

async function openBarrier(physical: MemoryBackend): Promise<Barrier> {
  const barrier = new Barrier(physical);
  const key = new Uint8Array(randomBytes(32));
  await barrier.initialize(key);
  await barrier.unseal(key);
  return barrier;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('TokenStore over the barrier and a memory backend', () => {
  let physical: MemoryBackend;
  let barrier: Barrier;
  let store: TokenStore;
  let revoked: string[];

  const make = (opts: Partial<CreateTokenOptions> = {}) =>
    store.create({
      parent: '',
      policies: ['default'],
      path: 'auth/token/create',
      displayName: 'token',
      ttl: 3600,
      ...opts,
    });

  beforeEach(async () => {
    physical = new MemoryBackend();
    barrier = await openBarrier(physical);
    store = new TokenStore(createView(barrier), barrier);
    revoked = [];
    store.onRevoke(async (entry) => {
      revoked.push(entry.id);
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('service tokens: hvs. + 24 base62, an accessor, and storage keyed by hashes only', async () => {
    const entry = await make({ meta: { team: 'ops' }, numUses: 3 });
    expect(entry.id).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    expect(entry.accessor).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(entry).toMatchObject({
      type: 'service',
      renewable: true,
      numUses: 3,
      ttl: 3600,
      meta: { team: 'ops' },
    });
    expect(await store.lookup(entry.id)).toEqual(entry);
    expect(await store.lookupAccessor(entry.accessor)).toEqual(entry);

    const keys = await physical.scan(KEYS.tokenPrefix);
    expect(keys).toEqual(
      [
        `${KEYS.tokenAccessorPrefix}${hashId(entry.accessor)}`,
        `${KEYS.tokenIdPrefix}${hashId(entry.id)}`,
      ].sort(),
    );
    for (const key of keys) {
      expect(key).not.toContain(entry.id);
      const stored = Buffer.from((await physical.get(key))?.value ?? []);
      expect(stored.includes(Buffer.from(entry.id))).toBe(false);
      expect(stored.includes(Buffer.from(entry.accessor))).toBe(false);
    }
    expect(await store.lookup('hvs.unknown')).toBeNull();
    expect(await store.lookup('')).toBeNull();
    expect(await store.lookupAccessor('nope')).toBeNull();
  });

  test('a chosen id is kept; a duplicate is refused', async () => {
    const entry = await make({ id: 'my-root-token' });
    expect(entry.id).toBe('my-root-token');
    expect(await rejection(make({ id: 'my-root-token' }))).toMatchObject({
      status: 400,
      message: 'cannot create a token with a duplicate ID',
    });
  });

  test('TTLs: explicit max caps the TTL, the period is kept as given, no TTL means no expiry and no renewal', async () => {
    const now = Date.now();
    const capped = await make({ ttl: 7200, explicitMaxTTL: 600 });
    expect(capped.ttl).toBe(600);
    expect(capped.expireTime - now).toBeGreaterThanOrEqual(600_000 - 50);
    expect(capped.expireTime - now).toBeLessThanOrEqual(600_000 + 1000);
    expect((await make({ ttl: 0, explicitMaxTTL: 300 })).ttl).toBe(300);
    // The caller computes a periodic token's TTL (calculateTTL, with the mount's limits).
    expect(await make({ ttl: 900, period: 900 })).toMatchObject({ ttl: 900, period: 900 });
    const forever = await make({ ttl: 0, policies: ['root'] });
    expect(forever).toMatchObject({ ttl: 0, expireTime: 0, renewable: false });
    expect((await make({ renewable: false })).renewable).toBe(false);
  });

  test('the leaseIdFor callback names the lease from the finished entry', async () => {
    const entry = await make({ leaseIdFor: (e) => `auth/token/create/${hashId(e.id)}` });
    expect(entry.leaseId).toBe(`auth/token/create/${hashId(entry.id)}`);
    expect((await store.lookup(entry.id))?.leaseId).toBe(entry.leaseId);
  });

  test('batch tokens are sealed into the token itself: nothing stored, and they cannot be forged', async () => {
    const before = await physical.scan('');
    const batch = await make({ type: 'batch', numUses: 5, ttl: 600, policies: ['web'] });
    expect(batch.id).toMatch(/^hvb\.[A-Za-z0-9_-]+$/);
    expect(batch).toMatchObject({ accessor: '', numUses: 0, renewable: false, type: 'batch', leaseId: '' });
    expect(await physical.scan('')).toEqual(before);
    expect(await store.lookup(batch.id)).toMatchObject({ id: batch.id, policies: ['web'], type: 'batch' });

    const body = Buffer.from(batch.id.slice(4), 'base64url');
    body[body.length - 1] = (body.at(-1) ?? 0) ^ 1;
    expect(await store.lookup(`hvb.${body.toString('base64url')}`)).toBeNull();
    const elsewhere = await openBarrier(new MemoryBackend());
    expect(await new TokenStore(createView(elsewhere), elsewhere).lookup(batch.id)).toBeNull();

    expect(await rejection(store.revokeTree(batch))).toMatchObject({
      status: 400,
      message: 'batch tokens cannot be revoked',
    });
    expect(await rejection(store.revokeOrphan(batch))).toMatchObject({
      message: 'batch tokens cannot be revoked',
    });
    expect(await rejection(store.renew(batch, 60, 0))).toMatchObject({
      message: 'batch tokens cannot be renewed',
    });
    expect((await store.use(batch)).lastUse).toBe(false);
  });

  test('an expired token is revoked when looked up; an expired batch token is just unknown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2030-01-01T00:00:00Z');
    vi.setSystemTime(start);
    const service = await make({ ttl: 10 });
    const batch = await make({ type: 'batch', ttl: 10 });
    vi.setSystemTime(new Date(start.getTime() + 9_000));
    expect(await store.lookup(service.id)).not.toBeNull();
    expect(await store.lookup(batch.id)).not.toBeNull();
    vi.setSystemTime(new Date(start.getTime() + 10_000));
    expect(await store.lookup(service.id)).toBeNull();
    expect(revoked).toEqual([service.id]);
    expect(await physical.scan(KEYS.tokenPrefix)).toEqual([]);
    expect(await store.lookup(batch.id)).toBeNull();
  });

  test('use() spends limited uses: the last one is flagged, after that the token is refused', async () => {
    const entry = await make({ numUses: 2 });
    expect(await store.use(entry)).toEqual({ lastUse: false });
    expect((await store.lookup(entry.id))?.numUses).toBe(1);
    expect(await store.use(entry)).toEqual({ lastUse: true });
    expect((await store.lookup(entry.id))?.numUses).toBe(-1);
    const error = await rejection(store.use(entry));
    expect(error).toBeInstanceOf(HvrError);
    expect(error).toMatchObject({ status: 403 });

    const unlimited = await make();
    expect(await store.use(unlimited)).toEqual({ lastUse: false });
    expect(await store.lookup(unlimited.id)).toEqual(unlimited);
  });

  test('renew: the increment from now, capped by explicit max (from creation) and the mount max', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = new Date('2030-01-01T00:00:00Z').getTime();
    vi.setSystemTime(start);
    const entry = await make({ ttl: 60, explicitMaxTTL: 1000 });
    vi.setSystemTime(start + 30_000);
    const renewed = await store.renew(entry, 300, 0);
    expect(renewed.expireTime).toBe(start + 30_000 + 300_000);
    expect((await store.lookup(entry.id))?.expireTime).toBe(renewed.expireTime);
    expect((await store.renew(renewed, 5000, 0)).expireTime).toBe(start + 1_000_000);
    expect((await store.renew(renewed, 0, 0)).expireTime).toBe(start + 30_000 + 60_000);

    const mountCapped = await make({ ttl: 60 });
    expect((await store.renew(mountCapped, 5000, 120)).expireTime).toBe(start + 30_000 + 120_000);
    const periodic = await make({ ttl: 60, period: 600 });
    expect((await store.renew(periodic, 10, 0)).expireTime).toBe(start + 30_000 + 600_000);
    const fixed = await make({ renewable: false });
    expect(await rejection(store.renew(fixed, 60, 0))).toMatchObject({
      status: 400,
      message: 'lease is not renewable',
    });
  });

  test('revokeTree takes every descendant with it and cleans the parent index', async () => {
    const parent = await make();
    const child = await make({ parent: parent.id });
    const grandchild = await make({ parent: child.id });
    const sibling = await make();
    expect(await physical.scan(KEYS.tokenParentPrefix)).toHaveLength(2);
    await store.revokeTree(parent);
    for (const entry of [parent, child, grandchild]) expect(await store.lookup(entry.id)).toBeNull();
    expect(await store.lookupAccessor(child.accessor)).toBeNull();
    expect(new Set(revoked)).toEqual(new Set([parent.id, child.id, grandchild.id]));
    expect(await physical.scan(KEYS.tokenParentPrefix)).toEqual([]);
    expect(await store.lookup(sibling.id)).not.toBeNull();
  });

  test('revokeOrphan revokes one token; its children become orphans and keep their own children', async () => {
    const parent = await make();
    const child = await make({ parent: parent.id });
    const grandchild = await make({ parent: child.id });
    await store.revokeOrphan(parent);
    expect(await store.lookup(parent.id)).toBeNull();
    expect(revoked).toEqual([parent.id]);
    const orphan = (await store.lookup(child.id)) as TokenEntry;
    expect(orphan.parent).toBe('');
    expect((await store.lookup(grandchild.id))?.parent).toBe(child.id);
    await store.revokeTree(orphan);
    expect(await store.lookup(grandchild.id)).toBeNull();
  });

  test('listAccessors lists every stored token, sorted', async () => {
    const made = [await make(), await make(), await make()];
    expect(await store.listAccessors()).toEqual(made.map((e) => e.accessor).sort());
  });
});
