import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtinBackends } from '../../src/backends/catalog.js';
import { Core } from '../../src/core/core.js';
import { KEYS } from '../../src/core/storage-keys.js';
import { drReplication } from '../../src/replication/dr-mode.js';
import { SqliteBackend } from '../../src/storage/sqlite.js';
import { api, dataOf } from '../helpers/api.js';
import { initAndUnseal, type PersistentNode, persistentNode } from '../helpers/persistent-node.js';
import {
  drOperationToken,
  drSecondaryToken,
  drStatus,
  enableDrPrimary,
  enableDrSecondary,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Opens the node's SQLite file in this process and unseals it with the one key share. */
async function openCore(file: string, key: string): Promise<Core> {
  const core = new Core({
    physical: SqliteBackend.open(file),
    backends: builtinBackends,
    replication: drReplication,
  });
  await core.submitUnsealShare(new Uint8Array(Buffer.from(key, 'base64')));
  return core;
}

/** The top-level folders of the cubbyhole mount, as stored. */
async function cubbyholeFolders(core: Core): Promise<string[]> {
  return ((await core.mounts.cubbyholeStorage()?.list('')) ?? []).map((f) => f.replace(/\/$/, ''));
}

/**
 * Vault's router (routeCommon) hands the cubbyhole backend the token's salted id
 * (`re.SaltID(salt.SaltID(token))`), so a reader of the data file cannot find a token's
 * cubbyhole from a guessed token. Data files written before hvr salted cubbyholes kept
 * them under the bare SHA-256 of the token; unsealing moves them once.
 */
describe('cubbyholes salted per cluster, legacy layout migrated on unseal', () => {
  let dir: string;
  let a: PersistentNode;
  let key: string;
  let token: string;
  let oldWrap: string;
  const file = () => join(dir, 'a', 'data', 'hvr.sqlite');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-cubby-salt-'));
    await mkdir(join(dir, 'a', 'data'), { recursive: true, mode: 0o700 });
    // A data file in the pre-salt layout: no token salt, token keys and cubbyholes named
    // after the bare SHA-256 of the token (what hvr wrote before issue 9).
    const core = new Core({
      physical: SqliteBackend.open(file()),
      backends: builtinBackends,
      replication: drReplication,
    });
    const init = await core.initialize(1, 1);
    key = String(init.keysBase64[0]);
    await core.submitUnsealShare(new Uint8Array(Buffer.from(key, 'base64')));
    const root = core.root;
    const stale = [KEYS.tokenIdPrefix, KEYS.tokenAccessorPrefix, KEYS.tokenParentPrefix];
    for (const prefix of stale) for (const k of await root.scan(prefix)) await root.delete(k);
    await root.delete(KEYS.tokenSalt);
    core.tokens.salt.reset();
    const entry = await core.tokens.create({
      parent: '',
      policies: ['root'],
      path: 'auth/token/root',
      displayName: 'root',
      ttl: 0,
    });
    token = entry.id;
    await core.handle({
      id: 'r1',
      operation: 'update',
      path: 'cubbyhole/note',
      data: { v: 'legacy' },
      token,
      headers: {},
    });
    const { info } = await core.wrapping.wrap('{"data":{"wrapped":"before"}}', { ttl: 3600, path: 'x' });
    oldWrap = info.token;
    expect(await cubbyholeFolders(core)).toContain(sha256(token));
    expect(await root.get(KEYS.tokenSalt)).toBeNull();
    await core.close();

    a = await persistentNode(join(dir, 'a'));
    await api(a.server.address, 'sys/unseal', { body: { key } });
  });
  afterAll(async () => {
    await a?.server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('after unseal the old cubbyhole and an old wrapping token read back through the API', async () => {
    const read = await api(a.server.address, 'cubbyhole/note', { token });
    expect(read.status).toBe(200);
    expect(dataOf(read)).toEqual({ v: 'legacy' });
    const list = await api(a.server.address, 'cubbyhole?list=true', { token });
    expect(dataOf(list).keys).toEqual(['note']);
    const unwrapped = await api(a.server.address, 'sys/wrapping/unwrap', { token: oldWrap, body: {} });
    expect(unwrapped.status).toBe(200);
    expect(dataOf(unwrapped)).toEqual({ wrapped: 'before' });
  });

  test('nothing is left under the legacy folder; a restart (second unseal) changes nothing and unwraps a new token', async () => {
    const wrapped = await api(a.server.address, 'cubbyhole/note', {
      token,
      headers: { 'x-vault-wrap-ttl': '600' },
    });
    const wrapToken = String((wrapped.json?.wrap_info as Record<string, unknown> | undefined)?.token);
    await a.server.stop();

    const core = await openCore(file(), key);
    const folders = await cubbyholeFolders(core);
    await core.close();
    expect(folders).not.toContain(sha256(token));
    expect(folders).not.toContain(sha256(wrapToken));
    expect(folders).toHaveLength(2); // the root token's and the new wrapping token's
    for (const f of folders) expect(f).toMatch(/^[0-9a-f]{64}$/);

    await a.start();
    await api(a.server.address, 'sys/unseal', { body: { key } });
    expect(dataOf(await api(a.server.address, 'cubbyhole/note', { token }))).toEqual({ v: 'legacy' });
    const unwrapped = await api(a.server.address, 'sys/wrapping/unwrap', { token: wrapToken, body: {} });
    expect(unwrapped.status).toBe(200);
    expect(dataOf(unwrapped)).toEqual({ v: 'legacy' });
  });

  test('a DR secondary receives the salted layout: after promotion the token reads its cubbyhole', async () => {
    const b = await persistentNode(join(dir, 'b'));
    try {
      const rootB = (await initAndUnseal(b.server.address)).rootToken;
      const A = { address: a.server.address, token };
      await enableDrPrimary(A);
      await enableDrSecondary({ address: b.server.address, token: rootB }, await drSecondaryToken(A, 'b'));
      await waitForMatchingMerkleRoots(A, { address: b.server.address, token: rootB });
      await a.server.stop();
      const B = { address: b.server.address, token: rootB };
      const promoted = await api(b.server.address, 'sys/replication/dr/secondary/promote', {
        body: { dr_operation_token: await drOperationToken(B, [key]) },
      });
      expect(promoted.status).toBe(200);
      expect((await drStatus(B)).mode).toBe('primary');
      const read = await api(b.server.address, 'cubbyhole/note', { token });
      expect(read.status).toBe(200);
      expect(dataOf(read)).toEqual({ v: 'legacy' });
    } finally {
      await b.server.stop();
    }
  });
});
