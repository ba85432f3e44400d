import { afterEach, describe, expect, test, vi } from 'vitest';
import { mergePatch } from '../../src/backends/kv/merge-patch.js';
import { kvV2Backend } from '../../src/backends/kv/v2.js';
import { msToRfc3339Nano } from '../../src/gocompat/time.js';
import type { Response } from '../../src/logical/request.js';
import { backendHarness, failure, rawEnvelope } from '../helpers/backend-harness.js';

const newKv = () => backendHarness(kvV2Backend, { options: { version: '2' } });
type Kv = ReturnType<typeof newKv>;

const put = (kv: Kv, path: string, data: Record<string, unknown>, options?: Record<string, unknown>) =>
  kv.call('update', `data/${path}`, options ? { data, options } : { data });

const body = (resp: Response | null): Record<string, unknown> => resp?.data ?? {};

const dataOf = async (kv: Kv, path: string, version?: number) =>
  (await kv.call('read', `data/${path}`, version ? { version: String(version) } : {}))?.data;

afterEach(() => {
  vi.useRealTimers();
});

describe('go-time', () => {
  test('formats like Go RFC3339Nano: fraction trimmed of zeros', () => {
    expect(msToRfc3339Nano(Date.UTC(2018, 2, 22, 2, 24, 6, 945))).toBe('2018-03-22T02:24:06.945Z');
    expect(msToRfc3339Nano(Date.UTC(2018, 2, 22, 2, 24, 6, 940))).toBe('2018-03-22T02:24:06.94Z');
    expect(msToRfc3339Nano(Date.UTC(2018, 2, 22, 2, 24, 6, 0))).toBe('2018-03-22T02:24:06Z');
  });
});

describe('merge patch (RFC 7386)', () => {
  test('merges objects, null removes, arrays and scalars replace', () => {
    expect(mergePatch({ a: 'b', c: { d: 'e', f: 'g' } }, { a: 'z', c: { f: null } })).toEqual({
      a: 'z',
      c: { d: 'e' },
    });
    expect(mergePatch({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
    expect(mergePatch({ a: 'b' }, { a: { c: 1 } })).toEqual({ a: { c: 1 } });
    expect(mergePatch('x', { a: 1 })).toEqual({ a: 1 });
  });
});

describe('kv v2 data', () => {
  test('write returns version metadata; read returns data and metadata', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2018-03-22T02:24:06.945Z'));
    const kv = newKv();
    expect(await kv.writeOperation('data/foo', { data: { a: 1 } })).toBe('create');
    expect(await put(kv, 'foo', { a: 1 })).toEqual({
      data: {
        created_time: '2018-03-22T02:24:06.945Z',
        custom_metadata: null,
        deletion_time: '',
        destroyed: false,
        version: 1,
      },
    });
    expect(await kv.writeOperation('data/foo', { data: { a: 1 } })).toBe('update');
    expect(await kv.call('read', 'data/foo')).toEqual({
      data: {
        data: { a: 1 },
        metadata: {
          created_time: '2018-03-22T02:24:06.945Z',
          custom_metadata: null,
          deletion_time: '',
          destroyed: false,
          version: 1,
        },
      },
    });
  });

  test('versions accumulate and ?version=N reads an older one', async () => {
    const kv = newKv();
    await put(kv, 'foo', { v: 1 });
    await put(kv, 'foo', { v: 2 });
    expect(body(await put(kv, 'foo', { v: 3 })).version).toBe(3);
    expect(await dataOf(kv, 'foo')).toMatchObject({ data: { v: 3 }, metadata: { version: 3 } });
    expect(await dataOf(kv, 'foo', 1)).toMatchObject({ data: { v: 1 }, metadata: { version: 1 } });
    expect(await kv.call('read', 'data/foo', { version: '9' })).toBeNull();
    expect(await kv.call('read', 'data/missing')).toBeNull();
  });

  test('no data provided, missing path and bad version are 400s', async () => {
    const kv = newKv();
    expect(await failure(kv.call('update', 'data/foo', {}))).toMatchObject({
      status: 400,
      message: 'no data provided',
    });
    expect(await failure(kv.call('update', 'data/foo', { data: null }))).toMatchObject({
      message: 'no data provided',
    });
    expect(await failure(kv.call('read', 'data/foo', { version: 'x' }))).toMatchObject({ status: 400 });
  });

  test('check-and-set: cas=0 creates only, mismatches fail with Vault text', async () => {
    const kv = newKv();
    await put(kv, 'foo', { v: 1 }, { cas: 0 });
    expect(await failure(put(kv, 'foo', { v: 2 }, { cas: 0 }))).toMatchObject({
      status: 400,
      message: 'check-and-set parameter did not match the current version',
    });
    expect(await failure(put(kv, 'foo', { v: 2 }, { cas: 5 }))).toMatchObject({
      message: 'check-and-set parameter did not match the current version',
    });
    expect(body(await put(kv, 'foo', { v: 2 }, { cas: '1' })).version).toBe(2);
    expect(await failure(put(kv, 'foo', { v: 3 }, { cas: 'abc' }))).toMatchObject({
      message: 'error parsing check-and-set parameter',
    });
  });

  test('cas_required on the mount or the key demands options.cas', async () => {
    const kv = newKv();
    await kv.call('update', 'config', { cas_required: true });
    expect(await failure(put(kv, 'foo', { v: 1 }))).toMatchObject({
      status: 400,
      message: 'check-and-set parameter required for this call',
    });
    await put(kv, 'foo', { v: 1 }, { cas: 0 });
    await kv.call('update', 'config', { cas_required: false });
    await kv.call('update', 'metadata/bar', { cas_required: true });
    expect(await failure(put(kv, 'bar', { v: 1 }))).toMatchObject({
      message: 'check-and-set parameter required for this call',
    });
    await put(kv, 'bar', { v: 1 }, { cas: 0 });
  });

  test('old versions beyond max_versions are pruned', async () => {
    const kv = newKv();
    await kv.call('update', 'config', { max_versions: 3 });
    for (let i = 1; i <= 5; i++) await put(kv, 'foo', { i });
    const meta = (await kv.call('read', 'metadata/foo'))?.data as Record<string, unknown>;
    expect(meta.current_version).toBe(5);
    expect(meta.oldest_version).toBe(3);
    expect(Object.keys(meta.versions as object).sort()).toEqual(['3', '4', '5']);
    expect(await kv.call('read', 'data/foo', { version: '2' })).toBeNull();
    expect(await dataOf(kv, 'foo', 3)).toMatchObject({ data: { i: 3 } });
    const stored = await kv.storage.scan('versions/');
    expect(stored).toHaveLength(3);
  });

  test('default keeps 10 versions; oldest_version stays 0 until the window fills', async () => {
    const kv = newKv();
    for (let i = 1; i <= 9; i++) await put(kv, 'foo', { i });
    expect(body(await kv.call('read', 'metadata/foo')).oldest_version).toBe(0);
    for (let i = 10; i <= 12; i++) await put(kv, 'foo', { i });
    const meta = (await kv.call('read', 'metadata/foo'))?.data as {
      oldest_version: number;
      versions: object;
    };
    expect(meta.oldest_version).toBe(3);
    expect(Object.keys(meta.versions)).toHaveLength(10);
  });

  test('the larger of the key and mount max_versions wins (plugin takes the max)', async () => {
    const kv = newKv();
    await kv.call('update', 'config', { max_versions: 2 });
    await kv.call('update', 'metadata/foo', { max_versions: 4 });
    for (let i = 1; i <= 6; i++) await put(kv, 'foo', { i });
    const meta = (await kv.call('read', 'metadata/foo'))?.data as { versions: object };
    expect(Object.keys(meta.versions)).toEqual(['3', '4', '5', '6']);
  });

  test('soft delete: the latest version reads as 404 with its metadata; undelete restores', async () => {
    const kv = newKv();
    await put(kv, 'foo', { v: 1 });
    expect(await kv.call('delete', 'data/foo')).toBeNull();
    const { status, body: envelope } = rawEnvelope(await kv.call('read', 'data/foo'));
    expect(status).toBe(404);
    expect(envelope).toMatchObject({
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: { data: null, metadata: { destroyed: false, version: 1, custom_metadata: null } },
      wrap_info: null,
      warnings: null,
      auth: null,
      mount_type: '',
    });
    const metadata = (envelope?.data as { metadata: { deletion_time: string } } | undefined)?.metadata;
    expect(metadata?.deletion_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Object.keys(envelope ?? {})).toEqual([
      'request_id',
      'lease_id',
      'renewable',
      'lease_duration',
      'data',
      'wrap_info',
      'warnings',
      'auth',
      'mount_type',
    ]);
    await kv.call('update', 'undelete/foo', { versions: [1] });
    expect(await dataOf(kv, 'foo')).toMatchObject({ data: { v: 1 }, metadata: { deletion_time: '' } });
  });

  test('delete/ soft-deletes listed versions; destroy/ removes data for good', async () => {
    const kv = newKv();
    await put(kv, 'foo', { v: 1 });
    await put(kv, 'foo', { v: 2 });
    await put(kv, 'foo', { v: 3 });
    await kv.call('update', 'delete/foo', { versions: '1,2' });
    expect(rawEnvelope(await kv.call('read', 'data/foo', { version: '1' })).status).toBe(404);
    expect(await dataOf(kv, 'foo')).toMatchObject({ data: { v: 3 } });
    await kv.call('update', 'destroy/foo', { versions: ['2'] });
    const destroyed = rawEnvelope(await kv.call('read', 'data/foo', { version: '2' }));
    expect(destroyed.body).toMatchObject({ data: { data: null, metadata: { destroyed: true, version: 2 } } });
    await kv.call('update', 'undelete/foo', { versions: [1, 2] });
    expect(await dataOf(kv, 'foo', 1)).toMatchObject({ data: { v: 1 } });
    expect(rawEnvelope(await kv.call('read', 'data/foo', { version: '2' })).status).toBe(404);
    expect(await kv.storage.scan('versions/')).toHaveLength(2);
  });

  test('version lists are required, with Vault’s differing capitalisation', async () => {
    const kv = newKv();
    expect(await failure(kv.call('update', 'delete/foo', {}))).toMatchObject({
      status: 400,
      message: 'No version number provided',
    });
    expect(await failure(kv.call('update', 'undelete/foo', { versions: [] }))).toMatchObject({
      message: 'No version number provided',
    });
    expect(await failure(kv.call('update', 'destroy/foo', {}))).toMatchObject({
      message: 'no version number provided',
    });
    expect(await failure(kv.call('update', 'destroy/foo', { versions: 'a' }))).toMatchObject({ status: 400 });
  });

  test('delete_version_after schedules deletion; reads work until it passes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-01-01T00:00:00Z'));
    const kv = newKv();
    await kv.call('update', 'config', { delete_version_after: '1h' });
    const written = (await put(kv, 'foo', { v: 1 }))?.data as { deletion_time: string };
    expect(written.deletion_time).toBe('2024-01-01T01:00:00Z');
    expect(await dataOf(kv, 'foo')).toMatchObject({ data: { v: 1 } });
    vi.setSystemTime(new Date('2024-01-01T01:00:01Z'));
    expect(rawEnvelope(await kv.call('read', 'data/foo')).status).toBe(404);
    expect((await kv.call('read', 'config'))?.data).toEqual({
      cas_required: false,
      delete_version_after: '1h0m0s',
      max_versions: 0,
    });
    await kv.call('update', 'config', { delete_version_after: -1 });
    expect(body(await kv.call('read', 'config')).delete_version_after).toBe('-1s');
    expect(body(await put(kv, 'foo', { v: 2 })).deletion_time).toBe('');
  });

  test('patch merges onto the current version and needs a live one', async () => {
    const kv = newKv();
    expect(rawEnvelope(await kv.call('patch', 'data/foo', { data: { a: 1 } }))).toEqual({
      status: 404,
      body: null,
    });
    await put(kv, 'foo', { a: 'b', c: { d: 'e', f: 'g' }, gone: 1 });
    const patched = await kv.call('patch', 'data/foo', {
      data: { a: 'z', c: { f: null }, gone: null, n: 2 },
    });
    expect(patched?.data).toMatchObject({ version: 2, deletion_time: '', destroyed: false });
    expect(await dataOf(kv, 'foo')).toMatchObject({ data: { a: 'z', c: { d: 'e' }, n: 2 } });
    expect(await failure(kv.call('patch', 'data/foo', {}))).toMatchObject({
      status: 400,
      message: 'no data provided',
    });
    expect(
      await failure(kv.call('patch', 'data/foo', { data: { a: 1 }, options: { cas: 1 } })),
    ).toMatchObject({
      message: 'check-and-set parameter did not match the current version',
    });
    await kv.call('delete', 'data/foo');
    const deleted = rawEnvelope(await kv.call('patch', 'data/foo', { data: { a: 1 } }));
    expect(deleted.status).toBe(404);
    expect(deleted.body?.data).toMatchObject({ version: 2, destroyed: false });
  });

  test('trailing slashes and roots fall to the invalid-path 404 with a kv hint', async () => {
    const kv = newKv();
    const legacy = rawEnvelope(await kv.call('read', 'foo'));
    expect(legacy.status).toBe(404);
    expect(legacy.body?.warnings).toEqual([
      "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.",
    ]);
    expect(rawEnvelope(await kv.call('update', 'data/foo/', { data: { a: 1 } })).body?.warnings).toEqual([
      "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv put' for this operation.",
    ]);
    expect(rawEnvelope(await kv.call('read', 'data')).body?.warnings).toEqual([
      'Non-listing operations on the root of a K/V v2 mount are not supported.',
    ]);
    expect(rawEnvelope(await kv.call('list', '')).status).toBe(404);
  });
});

describe('kv v2 metadata', () => {
  test('read shows Vault’s fields', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T10:00:00.120Z'));
    const kv = newKv();
    await put(kv, 'foo', { v: 1 });
    vi.setSystemTime(new Date('2024-05-01T10:00:05Z'));
    await put(kv, 'foo', { v: 2 });
    expect((await kv.call('read', 'metadata/foo'))?.data).toEqual({
      cas_required: false,
      created_time: '2024-05-01T10:00:00.12Z',
      current_version: 2,
      custom_metadata: null,
      delete_version_after: '0s',
      max_versions: 0,
      oldest_version: 0,
      updated_time: '2024-05-01T10:00:05Z',
      versions: {
        '1': { created_time: '2024-05-01T10:00:00.12Z', deletion_time: '', destroyed: false },
        '2': { created_time: '2024-05-01T10:00:05Z', deletion_time: '', destroyed: false },
      },
    });
    expect(await kv.call('read', 'metadata/none')).toBeNull();
  });

  test('write sets settings and custom_metadata, which then shows on data reads', async () => {
    const kv = newKv();
    expect(await kv.writeOperation('metadata/foo', { max_versions: 5 })).toBe('create');
    await kv.call('update', 'metadata/foo', {
      max_versions: 5,
      delete_version_after: '3h25m19s',
      custom_metadata: { owner: 'jdoe', n: 7, on: true },
    });
    const meta = (await kv.call('read', 'metadata/foo'))?.data as Record<string, unknown>;
    expect(meta).toMatchObject({
      max_versions: 5,
      delete_version_after: '3h25m19s',
      custom_metadata: { owner: 'jdoe', n: '7', on: '1' },
      current_version: 0,
      versions: {},
    });
    expect(await kv.call('read', 'data/foo')).toBeNull();
    const written = await put(kv, 'foo', { a: 1 });
    expect(written?.data).toMatchObject({ custom_metadata: { owner: 'jdoe', n: '7', on: '1' } });
  });

  test('write with no settings is a no-op; bad input gives Vault messages', async () => {
    const kv = newKv();
    expect(await kv.call('update', 'metadata/foo', {})).toBeNull();
    expect(await kv.call('read', 'metadata/foo')).toBeNull();
    expect(await failure(kv.call('update', 'metadata/', { max_versions: 1 }))).toMatchObject({
      status: 400,
      message: 'missing path',
    });
    expect(await failure(kv.call('update', 'metadata/foo', { custom_metadata: { k: '' } }))).toMatchObject({
      status: 400,
      message:
        '1 error occurred:\n\t* custom_metadata validation failed: length of value for key "k" is 0 but must be 0 < len(value) <= 512\n\n',
    });
    expect(await failure(kv.call('update', 'metadata/foo', { delete_version_after: '-1s' }))).toMatchObject({
      status: 400,
    });
  });

  test('cas_required=false under a cas-required mount warns', async () => {
    const kv = newKv();
    await kv.call('update', 'config', { cas_required: true });
    expect(await kv.call('update', 'metadata/foo', { cas_required: false })).toEqual({
      warnings: [
        '"cas_required" set to false, but is mandated by backend config. This value will be ignored.',
      ],
    });
  });

  test('patch merges settings and removes custom_metadata keys set to null', async () => {
    const kv = newKv();
    expect(rawEnvelope(await kv.call('patch', 'metadata/foo', { max_versions: 1 }))).toEqual({
      status: 404,
      body: null,
    });
    await kv.call('update', 'metadata/foo', { max_versions: 5, custom_metadata: { a: '1', b: '2' } });
    await kv.call('patch', 'metadata/foo', { cas_required: true, custom_metadata: { a: null, c: '3' } });
    expect((await kv.call('read', 'metadata/foo'))?.data).toMatchObject({
      max_versions: 5,
      cas_required: true,
      custom_metadata: { b: '2', c: '3' },
    });
    await kv.call('patch', 'metadata/foo', { custom_metadata: { b: null, c: null } });
    expect(body(await kv.call('read', 'metadata/foo')).custom_metadata).toBeNull();
  });

  test('delete removes every version and the key', async () => {
    const kv = newKv();
    await put(kv, 'foo', { v: 1 });
    await put(kv, 'foo', { v: 2 });
    expect(await kv.call('delete', 'metadata/foo')).toBeNull();
    expect(await kv.call('read', 'metadata/foo')).toBeNull();
    expect(await kv.call('read', 'data/foo')).toBeNull();
    expect(await kv.storage.scan('')).toEqual([]);
  });

  test('list gives keys and folders one level at a time', async () => {
    const kv = newKv();
    await put(kv, 'foo', { a: 1 });
    await put(kv, 'bar/baz', { a: 1 });
    await put(kv, 'bar/qux/deep', { a: 1 });
    await put(kv, 'bar', { a: 1 });
    expect(await kv.call('list', 'metadata/')).toEqual({ data: { keys: ['bar', 'bar/', 'foo'] } });
    expect(await kv.call('list', 'metadata/bar/')).toEqual({ data: { keys: ['baz', 'qux/'] } });
    expect(await kv.call('list', 'metadata/nothing/')).toEqual({ data: { keys: [] } });
    await kv.call('delete', 'data/foo');
    expect(await kv.call('list', 'metadata/', { exclude_deleted: true })).toEqual({
      data: { keys: ['bar', 'bar/'] },
    });
  });
});

describe('kv v2 subkeys', () => {
  test('returns the structure with leaves nulled, honouring depth', async () => {
    const kv = newKv();
    await put(kv, 'foo', { a: 1, b: { c: { d: 2 }, e: {} }, f: [1] });
    expect((await kv.call('read', 'subkeys/foo'))?.data).toMatchObject({
      subkeys: { a: null, b: { c: { d: null }, e: null }, f: null },
      metadata: { version: 1 },
    });
    expect(body(await kv.call('read', 'subkeys/foo', { depth: '1' })).subkeys).toEqual({
      a: null,
      b: null,
      f: null,
    });
    expect(await kv.call('read', 'subkeys/missing')).toBeNull();
    await kv.call('delete', 'data/foo');
    expect(rawEnvelope(await kv.call('read', 'subkeys/foo')).body?.data).toMatchObject({ subkeys: null });
  });
});
