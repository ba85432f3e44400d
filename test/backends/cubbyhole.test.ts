import { describe, expect, test } from 'vitest';
import {
  cubbyholeBackend,
  cubbyholePrefix,
  destroyCubbyhole,
} from '../../src/backends/cubbyhole/cubbyhole.js';
import { backendHarness, failure } from '../helpers/backend-harness.js';

describe('cubbyhole', () => {
  test('the prefix is the cubbyhole id the core hands over as the token, with a slash', () => {
    expect(cubbyholePrefix('0a1b')).toBe('0a1b/');
    expect(cubbyholeBackend.type).toBe('cubbyhole');
  });

  test('each token sees only its own entries; reads carry no lease', async () => {
    const cubby = backendHarness(cubbyholeBackend);
    expect(await cubby.writeOperation('secret', {}, { token: 'alice' })).toBe('create');
    await cubby.call('update', 'secret', { v: 'a' }, { token: 'alice' });
    await cubby.call('update', 'secret', { v: 'b' }, { token: 'bob' });
    expect(await cubby.writeOperation('secret', {}, { token: 'alice' })).toBe('update');
    expect(await cubby.call('read', 'secret', {}, { token: 'alice' })).toEqual({ data: { v: 'a' } });
    expect(await cubby.call('read', 'secret', {}, { token: 'bob' })).toEqual({ data: { v: 'b' } });
    expect(await cubby.call('read', 'secret', {}, { token: 'carol' })).toBeNull();
    expect(await cubby.storage.get(`${cubbyholePrefix('alice')}secret`)).not.toBeNull();
  });

  test('list is per token, one level with folders', async () => {
    const cubby = backendHarness(cubbyholeBackend, { token: 't1' });
    await cubby.call('update', 'a', { x: 1 });
    await cubby.call('update', 'dir/b', { x: 1 });
    await cubby.call('update', 'other', { x: 1 }, { token: 't2' });
    expect(await cubby.call('list', '')).toEqual({ data: { keys: ['a', 'dir/'] } });
    expect(await cubby.call('list', 'dir/')).toEqual({ data: { keys: ['b'] } });
  });

  test('delete removes the entry; destroyCubbyhole removes everything of a token', async () => {
    const cubby = backendHarness(cubbyholeBackend);
    await cubby.call('update', 'a', { x: 1 }, { token: 'gone' });
    await cubby.call('update', 'dir/b', { x: 1 }, { token: 'gone' });
    await cubby.call('update', 'a', { x: 1 }, { token: 'kept' });
    await cubby.call('delete', 'a', {}, { token: 'kept' });
    expect(await cubby.call('read', 'a', {}, { token: 'kept' })).toBeNull();
    await cubby.call('update', 'a', { x: 1 }, { token: 'kept' });
    await destroyCubbyhole(cubby.storage, 'gone');
    expect(await cubby.storage.scan(cubbyholePrefix('gone'))).toEqual([]);
    expect(await cubby.call('read', 'a', {}, { token: 'kept' })).toEqual({ data: { x: 1 } });
  });

  test('errors: no token, no data', async () => {
    const cubby = backendHarness(cubbyholeBackend);
    expect(await failure(cubby.call('read', 'a', {}, { token: null }))).toMatchObject({
      status: 400,
      message: 'client token empty',
    });
    expect(await failure(cubby.call('update', 'a', {}))).toMatchObject({
      status: 500,
      message: '1 error occurred:\n\t* missing data fields\n\n',
    });
    expect(await cubby.writeOperation('a', {}, { token: null })).toBe('create');
  });
});
