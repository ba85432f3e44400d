import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { initAndUnseal, type PersistentNode, persistentNode } from '../helpers/persistent-node.js';
import {
  drSecondaryToken,
  enableDrPrimary,
  enableDrSecondary,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';

/** Submits keys to sys/unseal one by one; the last answer. */
async function unseal(address: string, keys: readonly string[]) {
  let last = await api(address, 'sys/unseal', { body: { reset: true } });
  for (const key of keys) {
    last = await api(address, 'sys/unseal', { body: { key } });
    if (last.status !== 200) return last;
  }
  return last;
}

describe('sys/rekey: new unseal shares, as hvac sends the calls, on a primary and its DR secondary', () => {
  let dir: string;
  let pri: PersistentNode;
  let sec: PersistentNode;
  let oldKeys: string[];
  let newKeys: string[];
  let rootToken: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-rekey-'));
    [pri, sec] = await Promise.all([persistentNode(join(dir, 'pri')), persistentNode(join(dir, 'sec'))]);
    const init = await api(pri.server.address, 'sys/init', {
      body: { secret_shares: 3, secret_threshold: 2 },
    });
    oldKeys = init.json?.keys as string[];
    rootToken = String(init.json?.root_token);
    expect((await unseal(pri.server.address, oldKeys.slice(0, 2))).json?.sealed).toBe(false);
    const secondaryInit = await initAndUnseal(sec.server.address);
    await api(pri.server.address, 'secret/x', { token: rootToken }).catch(() => undefined);
    await enableDrPrimary({ address: pri.server.address, token: rootToken });
    const token = await drSecondaryToken({ address: pri.server.address, token: rootToken }, 'dr1');
    await enableDrSecondary({ address: sec.server.address, token: secondaryInit.rootToken }, token);
  });
  afterAll(async () => {
    await Promise.all([pri?.server.stop(), sec?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('init, cancel, refusals, update with the old shares, verify with the new ones', async () => {
    const addr = pri.server.address;
    const idle = await api(addr, 'sys/rekey/init', { token: rootToken });
    expect(idle.status).toBe(200);
    expect(idle.json).toEqual({
      nonce: '',
      started: false,
      t: 0,
      n: 0,
      progress: 0,
      required: 2,
      pgp_fingerprints: null,
      backup: false,
      verification_required: false,
    });
    const pgp = await api(addr, 'sys/rekey/init', {
      token: rootToken,
      body: { secret_shares: 1, secret_threshold: 1, pgp_keys: ['abc'] },
    });
    expect(pgp.status).toBe(400);
    expect(pgp.json?.errors).toEqual([
      'PGP-encrypted key shares are not supported by hvr yet; omit pgp_keys',
    ]);
    const bad = await api(addr, 'sys/rekey/init', { body: { secret_shares: 2, secret_threshold: 3 } });
    expect(bad.json?.errors).toEqual(['provided threshold greater than the total shares']);

    // Started then cancelled: DELETE answers 204 and the next GET shows nothing started.
    const first = await api(addr, 'sys/rekey/init', { body: { secret_shares: 2, secret_threshold: 2 } });
    expect(first.json).toMatchObject({ started: true, t: 2, n: 2, required: 2 });
    expect(
      (await api(addr, 'sys/rekey/init', { body: { secret_shares: 2, secret_threshold: 2 } })).json?.errors,
    ).toEqual(['rekey already in progress']);
    expect((await api(addr, 'sys/rekey/init', { method: 'DELETE' })).status).toBe(204);
    expect((await api(addr, 'sys/rekey/init')).json?.started).toBe(false);

    const started = await api(addr, 'sys/rekey/init', {
      token: rootToken,
      body: { secret_shares: 5, secret_threshold: 3, require_verification: true },
    });
    const nonce = String(started.json?.nonce);
    expect(started.json).toMatchObject({ started: true, t: 3, n: 5, verification_required: true });
    const wrongNonce = await api(addr, 'sys/rekey/update', { body: { key: oldKeys[0], nonce: 'nope' } });
    expect(wrongNonce.json?.errors).toEqual([
      `incorrect nonce supplied; nonce for this rekey operation is "${nonce}"`,
    ]);
    const one = await api(addr, 'sys/rekey/update', { body: { key: oldKeys[0], nonce } });
    expect(one.json).toMatchObject({ started: true, progress: 1, nonce });
    const done = await api(addr, 'sys/rekey/update', { body: { key: oldKeys[2], nonce } });
    expect(done.json).toMatchObject({ complete: true, nonce, verification_required: true });
    newKeys = done.json?.keys as string[];
    expect(newKeys).toHaveLength(5);
    expect(done.json?.keys_base64).toHaveLength(5);
    const verifyNonce = String(done.json?.verification_nonce);

    // Not yet in effect: the old shares still unseal until verification completes.
    expect((await api(addr, 'sys/rekey/verify')).json).toEqual({
      nonce: verifyNonce,
      started: true,
      t: 3,
      n: 5,
      progress: 0,
    });
    let last = await api(addr, 'sys/rekey/verify', { body: { key: newKeys[4], nonce: verifyNonce } });
    expect(last.json).toMatchObject({ progress: 1 });
    for (const key of [newKeys[1], newKeys[2]]) {
      last = await api(addr, 'sys/rekey/verify', { body: { key, nonce: verifyNonce } });
    }
    expect(last.status).toBe(200);
    expect(last.json).toEqual({ nonce: verifyNonce, complete: true });
    expect((await api(addr, 'sys/rekey/init')).json).toMatchObject({ started: false, required: 3 });
    expect((await api(addr, 'sys/seal-status')).json).toMatchObject({ t: 3, n: 5 });

    const backup = await api(addr, 'sys/rekey/backup', { token: rootToken });
    expect(backup.status).toBe(400);
    expect(backup.json?.errors).toEqual(['no backed-up keys found']);
    expect((await api(addr, 'sys/rekey/backup', { token: rootToken, method: 'DELETE' })).status).toBe(204);
  });

  test('after restarts, the new shares unseal the primary and its DR secondary; the old ones do not', async () => {
    await waitForMatchingMerkleRoots(
      { address: pri.server.address, token: rootToken },
      { address: sec.server.address, token: rootToken },
    );
    for (const node of [pri, sec]) {
      await node.server.stop();
      await node.start();
      const address = node.server.address;
      const old = await unseal(address, oldKeys);
      expect(old.status).toBe(400);
      expect((await api(address, 'sys/seal-status')).json).toMatchObject({ sealed: true, t: 3, n: 5 });
      const opened = await unseal(address, newKeys.slice(1, 4));
      expect(opened.json?.sealed).toBe(false);
    }
    const status = dataOf(await api(sec.server.address, 'sys/replication/dr/status'));
    expect(status.mode).toBe('secondary');
  });
});
