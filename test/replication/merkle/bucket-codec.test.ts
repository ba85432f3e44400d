import { describe, expect, it } from 'vitest';
import { decodeBucket, encodeBucket, withEntry } from '../../../src/replication/merkle/bucket-codec.js';

const h = (c: string): string => c.repeat(40);

describe('bucket codec', () => {
  it('keeps entries sorted on insert, replace and delete', () => {
    let entries = withEntry([], 'b', h('1'));
    entries = withEntry(entries, 'a', h('2'));
    entries = withEntry(entries, 'c', h('3'));
    entries = withEntry(entries, 'b', h('4'));
    expect(entries).toEqual([
      { key: 'a', hash: h('2') },
      { key: 'b', hash: h('4') },
      { key: 'c', hash: h('3') },
    ]);
    expect(withEntry(entries, 'a', null).map((e) => e.key)).toEqual(['b', 'c']);
  });

  it('returns the same list when nothing changes', () => {
    const entries = withEntry([], 'a', h('1'));
    expect(withEntry(entries, 'a', h('1'))).toBe(entries);
    expect(withEntry(entries, 'zz', null)).toBe(entries);
  });

  it('round-trips through the stored encoding', () => {
    const entries = [
      { key: 'a/"quoted"', hash: h('a') },
      { key: 'b\u00e9', hash: h('b') },
    ];
    const encoded = encodeBucket(entries);
    expect(Buffer.from(encoded).toString()).toBe(`[["a/\\"quoted\\"","${h('a')}"],["b\u00e9","${h('b')}"]]`);
    expect(decodeBucket('k', encoded)).toEqual(entries);
  });

  it('rejects corrupt buckets', () => {
    const enc = (text: string): Uint8Array => Buffer.from(text);
    expect(() => decodeBucket('k', enc('{'))).toThrow(/corrupt merkle bucket at k: not JSON/);
    expect(() => decodeBucket('k', enc('{}'))).toThrow(/not an array/);
    expect(() => decodeBucket('k', enc('[["a"]]'))).toThrow(/not a pair/);
    expect(() => decodeBucket('k', enc('[["a","xyz"]]'))).toThrow(/40-hex/);
    expect(() => decodeBucket('k', enc(`[["b","${h('1')}"],["a","${h('2')}"]]`))).toThrow(/sorted/);
  });
});
