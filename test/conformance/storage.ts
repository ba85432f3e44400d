import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareBytes, listLevel } from '../../src/storage/list-level.js';
import type { PhysicalBackend } from '../../src/storage/physical.js';

export interface OpenedStorage {
  readonly backend: PhysicalBackend;
  /** Closes the backend if still open and removes anything it left on disk. */
  readonly cleanup: () => Promise<void>;
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array): string => new TextDecoder().decode(value);

/** Every byte value, twice, so zeros sit both at the edges and in the middle. */
const allBytes = (): Uint8Array => {
  const out = new Uint8Array(512);
  for (let i = 0; i < out.length; i++) out[i] = i % 256;
  return out;
};

/** Deterministic pseudo-random numbers (mulberry32), so a failing run can be replayed. */
const seeded = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

class Boom extends Error {}

/**
 * The contract every PhysicalBackend must meet (Vault's physical.ExerciseBackend and
 * ExerciseTransactionalBackend). An implementation is done when it passes.
 */
export function runStorageSuite(name: string, open: () => Promise<OpenedStorage>): void {
  describe(`storage conformance: ${name}`, () => {
    let opened: OpenedStorage;
    let s: PhysicalBackend;

    beforeEach(async () => {
      opened = await open();
      s = opened.backend;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    const putAll = async (keys: readonly string[]): Promise<void> => {
      for (const key of keys) await s.put({ key, value: bytes(key) });
    };

    describe('get, put, delete', () => {
      it('reports its kind', () => {
        expect(['memory', 'sqlite']).toContain(s.kind);
      });

      it('returns null for a missing key', async () => {
        expect(await s.get('missing')).toBeNull();
        expect(await s.get('')).toBeNull();
      });

      it('round-trips a value', async () => {
        await s.put({ key: 'foo', value: bytes('bar') });
        const entry = await s.get('foo');
        expect(entry?.key).toBe('foo');
        expect(text(entry?.value ?? new Uint8Array())).toBe('bar');
      });

      it('overwrites a value', async () => {
        await s.put({ key: 'foo', value: bytes('one') });
        await s.put({ key: 'foo', value: bytes('two, longer') });
        await s.put({ key: 'foo', value: bytes('3') });
        expect(text((await s.get('foo'))?.value ?? new Uint8Array())).toBe('3');
        expect(await s.scan('')).toEqual(['foo']);
      });

      it('deletes a key, and deleting a missing key is a no-op', async () => {
        await putAll(['a', 'b']);
        await s.delete('a');
        expect(await s.get('a')).toBeNull();
        expect(await s.get('b')).not.toBeNull();
        await s.delete('a');
        await s.delete('never-was');
        expect(await s.scan('')).toEqual(['b']);
      });

      it('keeps keys that differ only by a suffix or a slash apart', async () => {
        await putAll(['k', 'k/', 'k/v', 'kv']);
        for (const key of ['k', 'k/', 'k/v', 'kv'])
          expect(text((await s.get(key))?.value ?? bytes('?'))).toBe(key);
        await s.delete('k/');
        expect(await s.scan('')).toEqual(['k', 'k/v', 'kv']);
      });
    });

    describe('binary values', () => {
      it('round-trips every byte value exactly', async () => {
        const value = allBytes();
        await s.put({ key: 'bin', value });
        const got = (await s.get('bin'))?.value;
        expect(got).toBeInstanceOf(Uint8Array);
        expect(Array.from(got ?? [])).toEqual(Array.from(value));
      });

      it('round-trips an empty value (distinct from a missing key)', async () => {
        await s.put({ key: 'empty', value: new Uint8Array(0) });
        const entry = await s.get('empty');
        expect(entry).not.toBeNull();
        expect(entry?.value).toBeInstanceOf(Uint8Array);
        expect(entry?.value.byteLength).toBe(0);
        expect(await s.list('')).toEqual(['empty']);
      });

      it('round-trips values made only of zero bytes', async () => {
        await s.put({ key: 'zeros', value: new Uint8Array(33) });
        expect(Array.from((await s.get('zeros'))?.value ?? [])).toEqual(new Array(33).fill(0));
      });

      it('stores only the bytes a view covers', async () => {
        const backing = new Uint8Array([0xff, 0xfe, 1, 0, 2, 0xfd]);
        await s.put({ key: 'view', value: backing.subarray(2, 5) });
        expect(Array.from((await s.get('view'))?.value ?? [])).toEqual([1, 0, 2]);
      });

      it('round-trips a large value', async () => {
        const value = new Uint8Array(1 << 20);
        const rand = seeded(7);
        for (let i = 0; i < value.length; i++) value[i] = Math.floor(rand() * 256);
        await s.put({ key: 'large', value });
        expect(Buffer.from((await s.get('large'))?.value ?? []).equals(Buffer.from(value))).toBe(true);
      });

      it('never shares memory with callers', async () => {
        const value = bytes('original');
        await s.put({ key: 'k', value });
        value.fill(0); // the caller reuses its buffer
        const first = await s.get('k');
        expect(text(first?.value ?? bytes('?'))).toBe('original');
        first?.value.fill(0); // the caller scribbles on what it got
        expect(text((await s.get('k'))?.value ?? bytes('?'))).toBe('original');

        const staged = bytes('staged');
        await s.transaction((tx) => {
          tx.put({ key: 't', value: staged });
          staged.fill(0);
          const inside = tx.get('t');
          expect(text(inside?.value ?? bytes('?'))).toBe('staged');
          inside?.value.fill(0);
          expect(text(tx.get('t')?.value ?? bytes('?'))).toBe('staged');
        });
        expect(text((await s.get('t'))?.value ?? bytes('?'))).toBe('staged');
      });
    });

    describe('list (one level)', () => {
      it('lists an empty store as empty', async () => {
        expect(await s.list('')).toEqual([]);
        expect(await s.list('nothing/')).toEqual([]);
      });

      it('lists direct children, with each sub-folder once and ending in /', async () => {
        await putAll(['foo', 'foo/bar', 'foo/baz/deep', 'foo/baz/deeper/still', 'foo/qux', 'zip']);
        expect(await s.list('')).toEqual(['foo', 'foo/', 'zip']);
        expect(await s.list('foo/')).toEqual(['bar', 'baz/', 'qux']);
        expect(await s.list('foo/baz/')).toEqual(['deep', 'deeper/']);
        expect(await s.list('foo/baz/deeper/')).toEqual(['still']);
      });

      it('sorts in byte order around the slash', async () => {
        // '-' (0x2d) and '.' (0x2e) sort before '/' (0x2f); '0' (0x30) and 'A' after; 'a' after 'Z'.
        await putAll(['a0', 'a/x', 'a-b', 'a.b', 'aZ', 'A', 'a/y/z', 'a', 'b/c', '_', 'a0/q']);
        expect(await s.list('')).toEqual(['A', '_', 'a', 'a-b', 'a.b', 'a/', 'a0', 'a0/', 'aZ', 'b/']);
      });

      it('lists a folder that has only sub-folders', async () => {
        await putAll(['x/y/z', 'x/w/v/u']);
        expect(await s.list('')).toEqual(['x/']);
        expect(await s.list('x/')).toEqual(['w/', 'y/']);
      });

      it('does not list the prefix key itself under prefix/', async () => {
        await putAll(['dir', 'dir/x', 'dir2', 'dir2/y']);
        expect(await s.list('dir/')).toEqual(['x']);
        expect(await s.list('dir2/')).toEqual(['y']);
      });

      it('treats the prefix as a plain string prefix, as Vault does', async () => {
        // A key equal to the prefix lists as '' (Vault's inmem List does the same).
        await putAll(['dir', 'dir/x', 'dir2', 'abc/d', 'abd']);
        expect(await s.list('dir')).toEqual(['', '/', '2']);
        expect(await s.list('ab')).toEqual(['c/', 'd']);
      });

      it('lists a key that ends in / as a folder, once', async () => {
        await putAll(['f/', 'f/g', 'h/']);
        expect(await s.list('')).toEqual(['f/', 'h/']);
        expect(await s.list('f/')).toEqual(['', 'g']);
      });

      it('drops a folder once its last key is deleted', async () => {
        await putAll(['p/a', 'p/b/c', 'q']);
        await s.delete('p/b/c');
        expect(await s.list('p/')).toEqual(['a']);
        await s.delete('p/a');
        expect(await s.list('')).toEqual(['q']);
      });

      it('lists many folders and leaves correctly', async () => {
        const keys: string[] = [];
        for (let f = 0; f < 40; f++) {
          keys.push(`leaf-${f}`);
          for (let k = 0; k < 25; k++) keys.push(`dir-${f}/item-${k}`, `dir-${f}/sub/${k}`);
        }
        await s.transaction((tx) => {
          for (const key of keys) tx.put({ key, value: bytes(key) });
        });
        const sorted = [...keys].sort(compareBytes);
        expect(await s.list('')).toEqual(listLevel(sorted, ''));
        expect(await s.list('dir-7/')).toEqual(listLevel(sorted, 'dir-7/'));
        expect((await s.list('')).length).toBe(80);
      });
    });

    describe('scan (recursive)', () => {
      it('returns every key under the prefix, at any depth, in byte order', async () => {
        const keys = ['b', 'a/b/c', 'a/b', 'a', 'a-z', 'a/c', 'a0', 'ab/c', 'c/d/e/f'];
        await putAll(keys);
        expect(await s.scan('')).toEqual([...keys].sort(compareBytes));
        expect(await s.scan('a/')).toEqual(['a/b', 'a/b/c', 'a/c']);
        expect(await s.scan('a')).toEqual(['a', 'a-z', 'a/b', 'a/b/c', 'a/c', 'a0', 'ab/c']);
        expect(await s.scan('c/d/')).toEqual(['c/d/e/f']);
        expect(await s.scan('zzz')).toEqual([]);
      });

      it('handles prefixes ending in the highest ASCII characters', async () => {
        await putAll(['x~', 'x~~', 'x~/a', 'x\u007f', 'x\u007f/a', 'y']);
        expect(await s.scan('x~')).toEqual(['x~', 'x~/a', 'x~~']);
        expect(await s.scan('x\u007f')).toEqual(['x\u007f', 'x\u007f/a']);
        expect(await s.list('x~')).toEqual(['', '/', '~']);
      });
    });

    describe('transactions', () => {
      it('commits all writes and returns the function result', async () => {
        await putAll(['old', 'gone']);
        const result = await s.transaction((tx) => {
          tx.put({ key: 'a', value: bytes('1') });
          tx.put({ key: 'b/c', value: bytes('2') });
          tx.put({ key: 'old', value: bytes('new') });
          tx.delete('gone');
          return 42;
        });
        expect(result).toBe(42);
        expect(await s.scan('')).toEqual(['a', 'b/c', 'old']);
        expect(text((await s.get('old'))?.value ?? bytes('?'))).toBe('new');
      });

      it('keeps nothing from a throwing transaction and rethrows its error', async () => {
        await putAll(['keep', 'also/keep']);
        const boom = new Boom('boom');
        await expect(
          s.transaction((tx) => {
            tx.put({ key: 'new', value: bytes('x') });
            tx.put({ key: 'keep', value: bytes('changed') });
            tx.delete('also/keep');
            tx.put({ key: 'folder/new', value: bytes('y') });
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await s.scan('')).toEqual(['also/keep', 'keep']);
        expect(text((await s.get('keep'))?.value ?? bytes('?'))).toBe('keep');
        expect(await s.list('')).toEqual(['also/', 'keep']);
      });

      it('stays usable after a failed transaction', async () => {
        await expect(
          s.transaction(() => {
            throw new Boom('first');
          }),
        ).rejects.toBeInstanceOf(Boom);
        await s.transaction((tx) => tx.put({ key: 'after', value: bytes('ok') }));
        await s.put({ key: 'plain', value: bytes('ok') });
        expect(await s.scan('')).toEqual(['after', 'plain']);
      });

      it('sees its own staged writes through get', async () => {
        await putAll(['existing', 'doomed']);
        await s.transaction((tx) => {
          expect(tx.get('fresh')).toBeNull();
          tx.put({ key: 'fresh', value: bytes('v1') });
          expect(text(tx.get('fresh')?.value ?? bytes('?'))).toBe('v1');
          tx.put({ key: 'fresh', value: bytes('v2') });
          expect(text(tx.get('fresh')?.value ?? bytes('?'))).toBe('v2');
          expect(tx.get('fresh')?.key).toBe('fresh');
          expect(text(tx.get('existing')?.value ?? bytes('?'))).toBe('existing');
          tx.delete('doomed');
          expect(tx.get('doomed')).toBeNull();
          tx.put({ key: 'doomed', value: bytes('revived') });
          expect(text(tx.get('doomed')?.value ?? bytes('?'))).toBe('revived');
          tx.delete('fresh');
          expect(tx.get('fresh')).toBeNull();
        });
        expect(await s.scan('')).toEqual(['doomed', 'existing']);
        expect(text((await s.get('doomed'))?.value ?? bytes('?'))).toBe('revived');
      });

      it('sees its own staged puts and deletes through list', async () => {
        await putAll(['a/1', 'a/2', 'b/only', 'c']);
        await s.transaction((tx) => {
          tx.put({ key: 'a/3', value: bytes('') });
          tx.delete('a/1');
          expect(tx.list('a/')).toEqual(['2', '3']);
          tx.delete('b/only');
          expect(tx.list('')).toEqual(['a/', 'c']);
          tx.put({ key: 'd/e/f', value: bytes('') });
          tx.put({ key: 'B', value: bytes('') });
          expect(tx.list('')).toEqual(['B', 'a/', 'c', 'd/']);
          expect(tx.list('d/')).toEqual(['e/']);
          tx.delete('d/e/f');
          expect(tx.list('')).toEqual(['B', 'a/', 'c']);
        });
        expect(await s.list('')).toEqual(['B', 'a/', 'c']);
        expect(await s.list('a/')).toEqual(['2', '3']);
      });

      it('rolls back writes that a throwing transaction had already listed', async () => {
        await putAll(['x/1']);
        await expect(
          s.transaction((tx) => {
            tx.put({ key: 'x/2', value: bytes('') });
            tx.delete('x/1');
            expect(tx.list('x/')).toEqual(['2']);
            throw new Boom('late');
          }),
        ).rejects.toBeInstanceOf(Boom);
        expect(await s.list('x/')).toEqual(['1']);
      });

      it('runs back-to-back transactions in order', async () => {
        await s.put({ key: 'counter', value: bytes('0') });
        const bump = () =>
          s.transaction((tx) => {
            const n = Number(text(tx.get('counter')?.value ?? bytes('NaN')));
            tx.put({ key: 'counter', value: bytes(String(n + 1)) });
            return n + 1;
          });
        const results = await Promise.all(Array.from({ length: 20 }, bump));
        expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(text((await s.get('counter'))?.value ?? bytes('?'))).toBe('20');
      });
    });

    describe('against a reference model', () => {
      it('agrees with a Map after many random operations', async () => {
        const rand = seeded(20240607);
        const model = new Map<string, string>();
        const segments = ['a', 'b', 'c', 'a-', 'a0', 'ab'];
        const randomKey = (): string => {
          const depth = 1 + Math.floor(rand() * 3);
          const parts = Array.from({ length: depth }, () => segments[Math.floor(rand() * segments.length)]);
          return parts.join('/');
        };
        for (let round = 0; round < 60; round++) {
          const staged = new Map(model);
          const fail = rand() < 0.25;
          const ops = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => ({
            key: randomKey(),
            del: rand() < 0.3,
            value: String(round),
          }));
          const tx = s.transaction((t) => {
            for (const op of ops) {
              if (op.del) {
                t.delete(op.key);
                staged.delete(op.key);
              } else {
                t.put({ key: op.key, value: bytes(op.value) });
                staged.set(op.key, op.value);
              }
            }
            if (fail) throw new Boom(`round ${round}`);
          });
          if (fail) {
            await expect(tx).rejects.toBeInstanceOf(Boom);
          } else {
            await tx;
            model.clear();
            for (const [k, v] of staged) model.set(k, v);
          }
        }
        const sorted = [...model.keys()].sort(compareBytes);
        expect(await s.scan('')).toEqual(sorted);
        for (const prefix of ['', 'a', 'a/', 'a-/', 'a/b/', 'ab', 'c/', 'c/c/', 'zz/']) {
          expect(await s.list(prefix), `list(${JSON.stringify(prefix)})`).toEqual(listLevel(sorted, prefix));
          expect(await s.scan(prefix), `scan(${JSON.stringify(prefix)})`).toEqual(
            sorted.filter((k) => k.startsWith(prefix)),
          );
        }
        for (const [key, value] of model) expect(text((await s.get(key))?.value ?? bytes('?'))).toBe(value);
      });
    });

    describe('close', () => {
      it('rejects every operation after close', async () => {
        await s.put({ key: 'k', value: bytes('v') });
        await s.close();
        await expect(s.get('k')).rejects.toThrow(/closed/);
        await expect(s.put({ key: 'k', value: bytes('v') })).rejects.toThrow(/closed/);
        await expect(s.delete('k')).rejects.toThrow(/closed/);
        await expect(s.list('')).rejects.toThrow(/closed/);
        await expect(s.scan('')).rejects.toThrow(/closed/);
        let ran = false;
        await expect(
          s.transaction(() => {
            ran = true;
          }),
        ).rejects.toThrow(/closed/);
        expect(ran).toBe(false);
      });

      it('can be closed twice', async () => {
        await s.close();
        await expect(s.close()).resolves.toBeUndefined();
      });
    });
  });
}
