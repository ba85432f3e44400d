import { describe, expect, test } from 'vitest';
import { kvBackendFor, kvMountType } from '../../src/backends/kv/kv.js';
import { kvV1Backend } from '../../src/backends/kv/v1.js';
import { kvV2Backend } from '../../src/backends/kv/v2.js';
import { backendHarness, failure } from '../helpers/backend-harness.js';

describe('kvBackendFor', () => {
  test('picks v2 only for version "2"', () => {
    expect(kvBackendFor({ version: '2' })).toBe(kvV2Backend);
    expect(kvBackendFor({ version: '1' })).toBe(kvV1Backend);
    expect(kvBackendFor({})).toBe(kvV1Backend);
    expect(kvMountType).toBe('kv');
    expect(kvV1Backend.type).toBe('kv');
    expect(kvV2Backend.type).toBe('kv');
  });
});

describe('kv v1', () => {
  test('write then read returns the map with the mount default as refresh interval', async () => {
    const kv = backendHarness(kvV1Backend, { defaultLeaseTTL: 2764800 });
    expect(await kv.writeOperation('foo')).toBe('create');
    expect(await kv.call('update', 'foo', { bar: 'baz', n: 1 })).toBeNull();
    expect(await kv.writeOperation('foo')).toBe('update');
    expect(await kv.call('read', 'foo')).toEqual({
      data: { bar: 'baz', n: 1 },
      lease: { leaseId: '', ttl: 2764800, renewable: false },
    });
  });

  test('a ttl (or legacy lease) key sets the lease duration; a bad one falls back', async () => {
    const kv = backendHarness(kvV1Backend, { defaultLeaseTTL: 60 });
    await kv.call('update', 'a', { ttl: '1h', v: 'x' });
    await kv.call('update', 'b', { lease: 30, v: 'x' });
    await kv.call('update', 'c', { ttl: 'soon', v: 'x' });
    expect((await kv.call('read', 'a'))?.lease?.ttl).toBe(3600);
    expect((await kv.call('read', 'b'))?.lease?.ttl).toBe(30);
    expect((await kv.call('read', 'c'))?.lease?.ttl).toBe(60);
  });

  test('a key named "path" is data, not the path capture', async () => {
    const kv = backendHarness(kvV1Backend);
    await kv.call('update', 'x/y', { path: 'mine' });
    expect((await kv.call('read', 'x/y'))?.data).toEqual({ path: 'mine' });
  });

  test('missing data fields and missing path are 400s', async () => {
    const kv = backendHarness(kvV1Backend);
    expect(await failure(kv.call('update', 'foo', {}))).toMatchObject({
      status: 400,
      message: 'missing data fields',
    });
    expect(await failure(kv.call('update', '', { a: 1 }))).toMatchObject({
      status: 400,
      message: 'missing path',
    });
  });

  test('read of a missing key is null (404), delete removes', async () => {
    const kv = backendHarness(kvV1Backend);
    expect(await kv.call('read', 'nope')).toBeNull();
    await kv.call('update', 'foo', { a: 1 });
    expect(await kv.call('delete', 'foo')).toBeNull();
    expect(await kv.call('read', 'foo')).toBeNull();
  });

  test('list gives one level with folders, at the root and below', async () => {
    const kv = backendHarness(kvV1Backend);
    await kv.call('update', 'foo', { a: 1 });
    await kv.call('update', 'bar/baz', { a: 1 });
    await kv.call('update', 'bar/qux/deep', { a: 1 });
    expect(await kv.call('list', '')).toEqual({ data: { keys: ['bar/', 'foo'] } });
    expect(await kv.call('list', 'bar/')).toEqual({ data: { keys: ['baz', 'qux/'] } });
    expect(await kv.call('list', 'empty/')).toEqual({ data: { keys: [] } });
  });
});
