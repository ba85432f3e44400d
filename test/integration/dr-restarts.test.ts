import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { initAndUnseal, type PersistentNode, persistentNode } from '../helpers/persistent-node.js';
import {
  drSecondaryToken,
  drStatus,
  enableDrPrimary,
  enableDrSecondary,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { waitFor } from '../helpers/wait-for.js';

describe('DR replication survives restarts of either side (SQLite nodes)', () => {
  let dir: string;
  let pri: PersistentNode;
  let sec: PersistentNode;
  let primaryKey: string;
  let rootToken: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-dr-restart-'));
    pri = await persistentNode(join(dir, 'pri'));
    sec = await persistentNode(join(dir, 'sec'));
    ({ key: primaryKey, rootToken } = await initAndUnseal(pri.server.address));
    const secondaryInit = await initAndUnseal(sec.server.address);
    await api(pri.server.address, 'sys/mounts/secret', {
      token: rootToken,
      body: { type: 'kv', options: { version: '2' } },
    });
    await enableDrPrimary({ address: pri.server.address, token: rootToken });
    const token = await drSecondaryToken({ address: pri.server.address, token: rootToken }, 'dr1');
    await enableDrSecondary({ address: sec.server.address, token: secondaryInit.rootToken }, token);
    await waitForMatchingMerkleRoots(
      { address: pri.server.address, token: rootToken },
      { address: sec.server.address, token: rootToken },
    );
  });
  afterAll(async () => {
    await Promise.all([pri?.server.stop(), sec?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  const primary = () => ({ address: pri.server.address, token: rootToken });
  const secondary = () => ({ address: sec.server.address, token: rootToken });

  /** The secondary's hvr-only count of merkle diff-and-syncs since its process started. */
  const merkleSyncs = async (): Promise<number> => {
    const res = await fetch(`${sec.server.address}/v1/sys/metrics?format=prometheus`, {
      headers: { 'x-vault-token': rootToken },
    });
    const text = await res.text();
    const found = /^vault_\S*replication_dr_secondary_merkle_syncs (\S+)$/m.exec(text);
    if (!found) throw new Error(`no merkle_syncs gauge (${res.status}): ${text.slice(0, 300)}`);
    return Number(found[1]);
  };

  // Each test leaves both nodes running, unsealed and in step, as beforeAll does: any order works.
  test('a write on the primary reaches the secondary', async () => {
    await api(primary().address, 'secret/data/one', { token: rootToken, body: { data: { v: '1' } } });
    await waitForMatchingMerkleRoots(primary(), secondary());
  });

  test('the secondary killed with SIGKILL mid-stream resumes from its last WAL after restart, unsealed with the primary’s key', async () => {
    const startWal = Number((await drStatus(primary())).last_wal);
    const writes = (async () => {
      for (let i = 0; i < 300; i++) {
        await api(primary().address, `secret/data/stream/${i}`, {
          token: rootToken,
          body: { data: { i: String(i) } },
        });
      }
    })();
    // Killed once it has applied part of the stream, wherever the writer is then.
    await waitFor('the secondary to apply part of the stream', async () =>
      Number((await drStatus(secondary())).last_remote_wal) > startWal + 20 ? true : undefined,
    );
    await sec.server.stop('SIGKILL');
    await writes;
    const lastWalBefore = Number((await drStatus(primary())).last_wal);

    await sec.start();
    const sealed = await api(sec.server.address, 'sys/seal-status');
    expect(sealed.json).toMatchObject({ sealed: true, initialized: true });
    const unseal = await api(sec.server.address, 'sys/unseal', { body: { key: primaryKey } });
    expect(unseal.json).toMatchObject({ sealed: false });
    await waitForMatchingMerkleRoots(primary(), secondary());
    const status = await drStatus(secondary());
    expect(status.last_remote_wal).toBe(lastWalBefore);
    // It streamed from its cursor: no merkle diff and sync since it started.
    expect(await merkleSyncs()).toBe(0);
  });

  test('the primary restarted: the secondary reconnects and catches up without a full resync', async () => {
    const syncsBefore = await merkleSyncs();
    await pri.server.stop('SIGTERM');
    await pri.start();
    await api(pri.server.address, 'sys/unseal', { body: { key: primaryKey } });
    for (let i = 0; i < 20; i++) {
      await api(primary().address, `secret/data/after-restart/${i}`, {
        token: rootToken,
        body: { data: { i: String(i) } },
      });
    }
    await waitForMatchingMerkleRoots(primary(), secondary());
    expect(await merkleSyncs()).toBe(syncsBefore);
    const replicated = dataOf(await api(primary().address, 'sys/replication/dr/status'));
    expect(replicated.known_secondaries).toEqual(['dr1']);
  });
});
