import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

/**
 * AppRole data across a DR failover: roles and secret ids (replicated and local ones alike,
 * since DR copies local storage) reach the secondary; it serves no login while it is a
 * secondary, and after promotion the secret ids issued on the old primary still log in.
 */
describe('AppRole secret ids survive a DR promotion', () => {
  let dir: string;
  let a: PersistentNode;
  let b: PersistentNode;
  let keyA: string;
  let root: string;
  const A = () => ({ address: a.server.address, token: root });
  const B = () => ({ address: b.server.address, token: root });
  const secretIds: Record<string, { roleId: string; secretId: string }> = {};

  const issue = async (role: string) => {
    const roleId = dataOf(
      await api(a.server.address, `auth/approle/role/${role}/role-id`, { token: root }),
    ).role_id;
    const secretId = dataOf(
      await api(a.server.address, `auth/approle/role/${role}/secret-id`, { token: root, body: {} }),
    ).secret_id;
    secretIds[`${role}-${Object.keys(secretIds).length}`] = {
      roleId: String(roleId),
      secretId: String(secretId),
    };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-approle-dr-'));
    a = await persistentNode(join(dir, 'a'));
    b = await persistentNode(join(dir, 'b'));
    ({ key: keyA, rootToken: root } = await initAndUnseal(a.server.address));
    const rootB = (await initAndUnseal(b.server.address)).rootToken;
    await api(a.server.address, 'sys/auth/approle', { token: root, body: { type: 'approle' } });
    await api(a.server.address, 'auth/approle/role/deploy', {
      token: root,
      body: { token_policies: 'default' },
    });
    await api(a.server.address, 'auth/approle/role/edge', { token: root, body: { local_secret_ids: true } });
    await issue('deploy');
    await issue('edge');
    await enableDrPrimary(A());
    await enableDrSecondary({ address: b.server.address, token: rootB }, await drSecondaryToken(A(), 'b'));
    await issue('deploy'); // after activation: travels in the WAL stream
    await waitForMatchingMerkleRoots(A(), B());
  });
  afterAll(async () => {
    await Promise.all([a?.server.stop(), b?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('nothing is served on the secondary; after promotion every secret id logs in', async () => {
    const first = Object.values(secretIds)[0];
    const onSecondary = await api(b.server.address, 'auth/approle/login', {
      body: { role_id: first?.roleId, secret_id: first?.secretId },
    });
    // A DR secondary routes nothing but sys/ (whatever the answer's wording, no token comes back).
    expect(onSecondary.status).toBeGreaterThanOrEqual(400);
    expect(onSecondary.json?.auth ?? null).toBeNull();

    await a.server.stop();
    const promoted = await api(b.server.address, 'sys/replication/dr/secondary/promote', {
      body: { dr_operation_token: await drOperationToken(B(), [keyA]) },
    });
    expect(promoted.status).toBe(200);
    expect((await drStatus(B())).mode).toBe('primary');
    for (const [name, ids] of Object.entries(secretIds)) {
      const login = await api(b.server.address, 'auth/approle/login', {
        body: { role_id: ids.roleId, secret_id: ids.secretId },
      });
      expect([name, login.status]).toEqual([name, 200]);
    }
  });
});
