import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { errorsOf } from '../helpers/tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Secrets engines over real HTTP: sys/mounts, sys/mounts/:path/tune and
 * sys/internal/ui/mounts (website/content/api-docs/system/mounts.mdx, vault/mount.go).
 */
describe('sys/mounts over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  const root = 'root-token-for-mount-tests';

  const mounts = async () => dataOf(await api(addr, 'sys/mounts', { token: root }));
  const enable = (path: string, body: Record<string, unknown>) =>
    api(addr, `sys/mounts/${path}`, { token: root, body });

  beforeAll(async () => {
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('enable kv v1 at a path; sys/mounts and sys/mounts/:path show its entry', async () => {
    expect((await enable('kv1', { type: 'kv', description: 'version one' })).status).toBe(204);
    const list = await api(addr, 'sys/mounts', { token: root });
    expect(list.status).toBe(200);
    const entry = dataOf(list)['kv1/'] as Record<string, unknown>;
    expect(entry).toMatchObject({
      type: 'kv',
      description: 'version one',
      options: { version: '1' },
      config: { default_lease_ttl: 0, max_lease_ttl: 0, force_no_cache: false },
      local: false,
      seal_wrap: false,
      external_entropy_access: false,
    });
    expect(String(entry.accessor)).toMatch(/^kv_[0-9a-f]+$/);
    expect(String(entry.uuid)).toMatch(UUID);
    // sys/mounts copies its data to the top level too.
    expect(list.json?.['kv1/']).toEqual(entry);
    expect(Object.keys(dataOf(list))).toEqual(
      expect.arrayContaining(['cubbyhole/', 'secret/', 'sys/', 'kv1/']),
    );
    expect(dataOf(await api(addr, 'sys/mounts/kv1', { token: root }))).toEqual(entry);

    const write = await api(addr, 'kv1/foo', { token: root, body: { v: '1' } });
    expect(write.status).toBe(204);
    const read = await api(addr, 'kv1/foo', { token: root });
    expect(read.json).toMatchObject({ data: { v: '1' }, lease_duration: 2764800, mount_type: 'kv' });
  });

  test('kv-v2 by options.version; tune sets the TTLs that reads and sys/mounts report', async () => {
    expect((await enable('kv2', { type: 'kv', options: { version: '2' } })).status).toBe(204);
    expect((await mounts())['kv2/']).toMatchObject({ type: 'kv', options: { version: '2' } });

    const tune = await api(addr, 'sys/mounts/kv1/tune', {
      token: root,
      body: { default_lease_ttl: '1h', max_lease_ttl: '2h' },
    });
    expect(tune.status).toBe(204);
    const tuned = await api(addr, 'sys/mounts/kv1/tune', { token: root });
    expect(dataOf(tuned)).toMatchObject({
      default_lease_ttl: 3600,
      max_lease_ttl: 7200,
      force_no_cache: false,
      description: 'version one',
    });
    expect((await mounts())['kv1/']).toMatchObject({
      config: { default_lease_ttl: 3600, max_lease_ttl: 7200 },
    });
    expect((await api(addr, 'kv1/foo', { token: root })).json?.lease_duration).toBe(3600);

    const bad = await api(addr, 'sys/mounts/kv1/tune', { token: root, body: { default_lease_ttl: 'abc' } });
    expect(bad.status).toBe(400);
    expect(String(errorsOf(bad))).toContain('invalid duration "abc"');
    expect(dataOf(await api(addr, 'sys/mounts/kv1/tune', { token: root }))).toMatchObject({
      default_lease_ttl: 3600,
      max_lease_ttl: 7200,
    });
    const secret = await api(addr, 'sys/mounts/secret/tune', { token: root });
    expect(dataOf(secret)).toMatchObject({
      default_lease_ttl: 2764800,
      max_lease_ttl: 2764800,
      options: { version: '2' },
    });
  });

  test('conflicting, protected and unknown mounts are refused (400, 403 for protected paths); the table is unchanged', async () => {
    const before = Object.keys(await mounts()).sort();
    const same = await enable('kv1', { type: 'kv' });
    expect(same.status).toBe(400);
    expect(errorsOf(same)).toEqual(['path is already in use at kv1/']);
    // mount.go: a path nested in (or containing) a mount of the same table conflicts too.
    const nested = await enable('kv1/inner', { type: 'kv' });
    expect(nested.status).toBe(400);
    expect(errorsOf(nested)).toEqual(['path is already in use at kv1/']);
    // mount.go Core.mount: protectedMounts answer CodedError(403, `cannot mount %q`).
    const underSys = await enable('sys/mine', { type: 'kv' });
    expect(underSys.status).toBe(403);
    expect(errorsOf(underSys)).toEqual(['cannot mount "sys/mine/"']);
    expect((await enable('cubbyhole', { type: 'kv' })).status).toBe(403);
    const unknown = await enable('weird', { type: 'nope' });
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown)).toEqual(['plugin not found in the catalog: nope']);
    expect(Object.keys(await mounts()).sort()).toEqual(before);
    expect((await api(addr, 'sys/mounts/weird', { token: root })).status).toBe(404);
  });

  test('disable removes the data: a re-enabled mount starts empty', async () => {
    expect((await api(addr, 'kv1/bar', { token: root, body: { v: '2' } })).status).toBe(204);
    expect(dataOf(await api(addr, 'kv1/?list=true', { token: root })).keys).toEqual(['bar', 'foo']);
    expect((await api(addr, 'sys/mounts/kv1', { token: root, method: 'DELETE' })).status).toBe(204);
    const unrouted = await api(addr, 'kv1/foo', { token: root });
    expect(unrouted.status).toBe(404);
    expect(unrouted.json).toEqual({ errors: ['no handler for route "kv1/foo". route entry not found.'] });
    expect(Object.keys(await mounts())).not.toContain('kv1/');

    expect((await enable('kv1', { type: 'kv' })).status).toBe(204);
    const read = await api(addr, 'kv1/foo', { token: root });
    expect(read.status).toBe(404);
    expect(read.json).toEqual({ errors: [] });
    expect((await api(addr, 'kv1/?list=true', { token: root })).status).toBe(404);
    // The new mount is a new mount: default TTLs again.
    expect((await mounts())['kv1/']).toMatchObject({ config: { default_lease_ttl: 0, max_lease_ttl: 0 } });
  });

  test('sys/internal/ui/mounts/<path> answers a token that can reach the mount holding the path', async () => {
    const direct = await api(addr, 'sys/internal/ui/mounts/kv2', { token: root });
    expect(direct.status).toBe(200);
    const data = dataOf(direct);
    expect(data).toMatchObject({ path: 'kv2/', type: 'kv', options: { version: '2' } });
    expect(String(data.uuid)).toMatch(UUID);
    const deep = await api(addr, 'sys/internal/ui/mounts/kv2/some/deep/key', { token: root });
    expect(dataOf(deep)).toMatchObject({ path: 'kv2/', type: 'kv', uuid: data.uuid });
    expect(dataOf(await api(addr, 'sys/internal/ui/mounts/secret/data/x', { token: root }))).toMatchObject({
      path: 'secret/',
      options: { version: '2' },
    });
  });
});
