import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleIndex } from '../../../src/replication/merkle/merkle-index.js';
import { bytes, keyOf, loadedIndex, PREFIX, STORES, shuffled, snapshot, write } from './stores.js';

const sha1 = (data: Uint8Array | string): Buffer => createHash('sha1').update(data).digest();
const zeros = (n: number): Buffer => Buffer.alloc(n);

describe('merkle hashing (the format both clusters must agree on)', () => {
  it('gives an empty tree a fixed root: sha1 of 256 empty pages of 256 zero buckets', async () => {
    const [, open] = STORES[0] ?? [];
    const index = await loadedIndex((await (open as NonNullable<typeof open>)()).physical);
    const emptyPage = sha1(zeros(256 * 20));
    expect(index.root()).toBe(sha1(Buffer.concat(Array(256).fill(emptyPage))).toString('hex'));
    expect(index.root()).toMatch(/^[0-9a-f]{40}$/);
  });

  it('hashes one key as length-prefixed key + sha1 of the stored bytes, up through page and root', async () => {
    const [, open] = STORES[0] ?? [];
    const index = await loadedIndex((await (open as NonNullable<typeof open>)()).physical);
    const key = 'logical/kv/a';
    await write(index, [[key, 'x']]);

    const digest = sha1(key);
    const [page, bucket] = [digest[0] ?? 0, digest[1] ?? 0];
    const length = Buffer.alloc(4);
    length.writeUInt32BE(Buffer.byteLength(key), 0);
    const bucketHash = sha1(Buffer.concat([length, Buffer.from(key), sha1('x')]));
    const buckets = zeros(256 * 20);
    bucketHash.copy(buckets, bucket * 20);
    const pageHash = sha1(buckets);
    const pages = Buffer.concat(Array(256).fill(sha1(zeros(256 * 20))));
    pageHash.copy(pages, page * 20);

    expect(index.bucketHashes(page)[bucket]).toBe(bucketHash.toString('hex'));
    expect(index.pageHashes()[page]).toBe(pageHash.toString('hex'));
    expect(index.root()).toBe(sha1(pages).toString('hex'));
    expect(await index.bucketEntries(page, bucket)).toEqual([{ key, hash: sha1('x').toString('hex') }]);
  });
});

describe.each(STORES)('MerkleIndex on %s', (_name, open) => {
  it('gives equal roots for equal data written in different orders and batchings', async () => {
    const data = Array.from({ length: 600 }, (_, i) => [keyOf(i), `value-${i}`] as const);
    const a = await loadedIndex((await open()).physical);
    const b = await loadedIndex((await open()).physical);
    for (const change of data) await write(a, [change]);
    const mixed = shuffled(data, 7);
    for (let i = 0; i < mixed.length; i += 50) await write(b, mixed.slice(i, i + 50));
    expect(b.root()).toBe(a.root());
    expect(b.pageHashes()).toEqual(a.pageHashes());
  });

  it('restores the previous root when a key is deleted', async () => {
    const index = await loadedIndex((await open()).physical);
    await write(index, [
      [keyOf(1), 'one'],
      [keyOf(2), 'two'],
    ]);
    const before = index.root();
    await write(index, [[keyOf(3), 'three']]);
    expect(index.root()).not.toBe(before);
    await write(index, [[keyOf(3), null]]);
    expect(index.root()).toBe(before);
  });

  it('leaves the root unchanged when a key is overwritten with the same bytes', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    await write(index, [[keyOf(1), 'same']]);
    const root = index.root();
    const stored = await snapshot(physical, PREFIX);
    await write(index, [[keyOf(1), 'same']]);
    expect(index.root()).toBe(root);
    expect(await snapshot(physical, PREFIX)).toEqual(stored);
    await write(index, [[keyOf(1), 'different']]);
    expect(index.root()).not.toBe(root);
  });

  it('stores only non-empty buckets, at <prefix>b/<4 hex>, and deletes emptied ones', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    await write(index, [
      [keyOf(1), 'a'],
      [keyOf(2), 'b'],
    ]);
    const keys = await physical.scan(PREFIX);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.length).toBeLessThanOrEqual(2);
    for (const key of keys) expect(key).toMatch(/^core\/replication\/merkle\/dr\/b\/[0-9a-f]{4}$/);
    await write(index, [
      [keyOf(1), null],
      [keyOf(2), null],
    ]);
    expect(await physical.scan(PREFIX)).toEqual([]);
    expect(index.root()).toBe((await loadedIndex(physical)).root());
  });

  it('gives the same root after reopening the store and loading', async () => {
    const store = await open();
    const index = await loadedIndex(store.physical);
    await write(
      index,
      Array.from({ length: 300 }, (_, i) => [keyOf(i), `v${i}`] as const),
    );
    await write(index, [[keyOf(5), null]]);
    const reloaded = await loadedIndex(await store.reopen());
    expect(reloaded.root()).toBe(index.root());
    expect(reloaded.pageHashes()).toEqual(index.pageHashes());
  });

  it('leaves caches and storage untouched when the transaction throws and the batch rolls back', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    await write(index, [[keyOf(1), 'kept']]);
    const root = index.root();
    const pages = index.pageHashes();
    const stored = await snapshot(physical);

    const batch = index.begin();
    await expect(
      physical.transaction((tx) => {
        tx.put({ key: keyOf(2), value: bytes('lost') });
        batch.stage(tx, keyOf(2), bytes('lost'));
        batch.stage(tx, keyOf(1), null);
        expect(batch.rootAfter()).not.toBe(root);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    batch.rollback();

    expect(batch.state).toBe('rolled-back');
    expect(index.root()).toBe(root);
    expect(index.pageHashes()).toEqual(pages);
    expect(await snapshot(physical)).toEqual(stored);
    expect((await loadedIndex(physical)).root()).toBe(root);
  });

  it('rolls back through transact() and accepts the next batch', async () => {
    const index = await loadedIndex((await open()).physical);
    const root = index.root();
    await expect(
      index.transact((tx, batch) => {
        batch.stage(tx, keyOf(1), bytes('x'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(index.root()).toBe(root);
    await write(index, [[keyOf(1), 'x']]);
    expect(index.root()).not.toBe(root);
  });

  it('knows the root before commit: rootAfter() equals root() once committed, record by record', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    const replay = await loadedIndex((await open()).physical);
    const records = [
      [keyOf(1), 'a'],
      [keyOf(2), 'b'],
      [keyOf(1), 'a2'],
      [keyOf(3), 'c'],
      [keyOf(2), null],
    ] as const;

    const guards: string[] = [];
    const batch = index.begin();
    expect(batch.rootAfter()).toBe(index.root());
    await physical.transaction((tx) => {
      for (const [key, value] of records) {
        guards.push(batch.rootAfter()); // the root before each record: the WAL guard
        batch.stage(tx, key, value === null ? null : bytes(value));
      }
    });
    const expected = batch.rootAfter();
    batch.commit();
    expect(index.root()).toBe(expected);
    expect(batch.rootAfter()).toBe(expected);

    // A secondary applying the records one at a time passes through every guard.
    for (const [i, record] of records.entries()) {
      expect(replay.root()).toBe(guards[i]);
      await write(replay, [record]);
    }
    expect(replay.root()).toBe(index.root());
  });

  it('handles a batch that stages the same key several times', async () => {
    const index = await loadedIndex((await open()).physical);
    const single = await loadedIndex((await open()).physical);
    await write(index, [
      [keyOf(1), 'a'],
      [keyOf(2), 'b'],
      [keyOf(1), 'c'],
      [keyOf(2), null],
      [keyOf(4), 'd'],
      [keyOf(4), 'd'],
    ]);
    await write(single, [
      [keyOf(1), 'c'],
      [keyOf(4), 'd'],
    ]);
    expect(index.root()).toBe(single.root());
    const page = index.pageHashes().findIndex((hash, i) => hash !== (single.pageHashes()[i] ?? ''));
    expect(page).toBe(-1);
  });

  it('serves bucket entries sorted, hashed over the stored bytes', async () => {
    const index = await loadedIndex((await open()).physical);
    await write(
      index,
      Array.from({ length: 2000 }, (_, i) => [keyOf(i), `v${i}`] as const),
    );
    expect(index.pageHashes()).toHaveLength(256);
    let seen = 0;
    for (let page = 0; page < 4; page++) {
      const hashes = index.bucketHashes(page);
      expect(hashes).toHaveLength(256);
      for (let bucket = 0; bucket < 256; bucket++) {
        const entries = await index.bucketEntries(page, bucket);
        expect(hashes[bucket] === '0'.repeat(40)).toBe(entries.length === 0);
        expect(entries.map((e) => e.key)).toEqual(entries.map((e) => e.key).sort());
        for (const { key, hash } of entries) {
          const i = Number(key.slice(-5));
          expect(hash).toBe(createHash('sha1').update(`v${i}`).digest('hex'));
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('makes misuse fail loudly', async () => {
    const { physical } = await open();
    const index = new MerkleIndex(PREFIX);
    expect(() => index.root()).toThrow(/not loaded/);
    expect(() => index.begin()).toThrow(/not loaded/);
    expect(() => new MerkleIndex('no/slash')).toThrow(/must end in/);
    await index.load(physical);
    expect(() => index.bucketHashes(256)).toThrow(RangeError);
    await expect(index.bucketEntries(0, -1)).rejects.toThrow(RangeError);

    const batch = index.begin();
    expect(() => index.begin()).toThrow(/still open/);
    await expect(index.load(physical)).rejects.toThrow(/still open/);
    await physical.transaction((tx) => {
      expect(() => batch.stage(tx, `${PREFIX}b/0000`, bytes('x'))).toThrow(/its own key/);
      batch.stage(tx, keyOf(1), bytes('x'));
      const other = { ...tx };
      expect(() => batch.stage(other, keyOf(2), bytes('y'))).toThrow(/one storage transaction/);
    });
    batch.commit();
    expect(() => batch.commit()).toThrow(/already committed/);
    expect(() => batch.rollback()).toThrow(/already committed/);
    await physical.transaction((tx) => {
      expect(() => batch.stage(tx, keyOf(3), bytes('z'))).toThrow(/already committed/);
    });

    const dropped = index.begin();
    dropped.rollback();
    dropped.rollback();
    expect(() => dropped.commit()).toThrow(/rolled-back/);
    expect(() => dropped.rootAfter()).toThrow(/rolled back/);
    index.begin().rollback();
  });

  it('refuses to load a corrupt bucket', async () => {
    const { physical } = await open();
    const index = await loadedIndex(physical);
    await write(index, [[keyOf(1), 'a']]);
    const [stored] = await physical.scan(PREFIX);
    const other = stored?.endsWith('0000') ? `${PREFIX}b/0001` : `${PREFIX}b/0000`;
    const entry = await physical.get(stored ?? '');
    await physical.put({ key: other, value: entry?.value ?? bytes('') });
    await expect(loadedIndex(physical)).rejects.toThrow(/corrupt merkle bucket/);
    await physical.put({ key: `${PREFIX}b/zz`, value: bytes('[]') });
    await physical.delete(other);
    await expect(loadedIndex(physical)).rejects.toThrow(/unexpected key/);
  });
});
