import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeToken } from '../../src/core/generate-root.js';
import { api, dataOf } from '../helpers/api.js';
import { once } from '../helpers/once.js';
import { initAndUnseal, type PersistentNode, persistentNode } from '../helpers/persistent-node.js';
import {
  drSecondaryToken,
  drStatus,
  enableDrPrimary,
  enableDrSecondary,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { waitFor } from '../helpers/wait-for.js';

const errorOf = (res: { json?: Record<string, unknown> }) =>
  String((res.json?.errors as string[] | undefined)?.[0] ?? '');

describe('DR failover drill and failback with real server processes', () => {
  let dir: string;
  let a: PersistentNode;
  let b: PersistentNode;
  let keyA: string;
  let root: string;
  let batchToken: string;
  let clientToken: string;
  const A = () => ({ address: a.server.address, token: root });
  const B = () => ({ address: b.server.address, token: root });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-failover-'));
    a = await persistentNode(join(dir, 'a'));
    b = await persistentNode(join(dir, 'b'));
    ({ key: keyA, rootToken: root } = await initAndUnseal(a.server.address));
    const rootB = (await initAndUnseal(b.server.address)).rootToken;
    await api(a.server.address, 'sys/mounts/secret', {
      token: root,
      body: { type: 'kv', options: { version: '2' } },
    });
    await api(a.server.address, 'sys/policies/acl/dr-secondary-promotion', {
      token: root,
      body: {
        policy:
          'path "sys/replication/dr/secondary/promote" { capabilities = ["update"] }\npath "sys/replication/dr/secondary/update-primary" { capabilities = ["update"] }',
      },
    });
    await api(a.server.address, 'auth/token/roles/failover-handler', {
      token: root,
      body: {
        allowed_policies: 'dr-secondary-promotion',
        orphan: true,
        renewable: false,
        token_type: 'batch',
      },
    });
    const batch = await api(a.server.address, 'auth/token/create/failover-handler', {
      token: root,
      body: { ttl: '8h' },
    });
    batchToken = String((batch.json?.auth as Record<string, unknown> | undefined)?.client_token);
    expect(batchToken.startsWith('hvb.')).toBe(true);
    const client = await api(a.server.address, 'auth/token/create', {
      token: root,
      body: { policies: ['default'] },
    });
    clientToken = String((client.json?.auth as Record<string, unknown> | undefined)?.client_token);
    await enableDrPrimary(A());
    await enableDrSecondary({ address: b.server.address, token: rootB }, await drSecondaryToken(A(), 'b'));
    await waitForMatchingMerkleRoots(A(), B());
  });
  afterAll(async () => {
    await Promise.all([a?.server.stop(), b?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  // The drill's steps run once each, in order, whichever test asks first (helpers/once.ts).
  const operationTokenChecked = once(async () => {
    const status = await api(
      b.server.address,
      'sys/replication/dr/secondary/generate-operation-token/attempt',
    );
    expect(status.json).toMatchObject({
      started: false,
      progress: 0,
      required: 1,
      complete: false,
      otp_length: 28,
    });
    const wrongLength = await api(
      b.server.address,
      'sys/replication/dr/secondary/generate-operation-token/attempt',
      { body: { otp: 'short' } },
    );
    expect(errorOf(wrongLength)).toBe('OTP string is wrong length');
    const start = await api(
      b.server.address,
      'sys/replication/dr/secondary/generate-operation-token/attempt',
      { body: {} },
    );
    const { otp, nonce } = start.json as { otp: string; nonce: string };
    const badNonce = await api(
      b.server.address,
      'sys/replication/dr/secondary/generate-operation-token/update',
      { body: { key: keyA, nonce: 'nope' } },
    );
    expect(errorOf(badNonce)).toBe(
      `incorrect nonce supplied; nonce for this root generation operation is "${nonce}"`,
    );
    const done = await api(b.server.address, 'sys/replication/dr/secondary/generate-operation-token/update', {
      body: { key: keyA, nonce },
    });
    expect(done.json).toMatchObject({ complete: true, encoded_root_token: '' });
    const opToken = decodeToken(String(done.json?.encoded_token), otp);
    expect(opToken).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    const reusedOtp = await api(
      b.server.address,
      'sys/replication/dr/secondary/generate-operation-token/update',
      { body: { key: keyA, nonce } },
    );
    expect(errorOf(reusedOtp)).toBe('no root generation in progress');

    const missing = await api(b.server.address, 'sys/replication/dr/secondary/promote', { body: {} });
    expect(missing.status).toBe(400);
    expect(errorOf(missing)).toContain('dr_operation_token');
    const stale = await api(b.server.address, 'sys/replication/dr/secondary/promote', {
      body: { dr_operation_token: 'hvs.000000000000000000000000' },
    });
    expect(stale.status).toBe(403);
    const both = await api(b.server.address, 'sys/replication/dr/secondary/update-primary', {
      body: { dr_operation_token: opToken, token: 'x.y.z', update_primary_addrs: ['https://127.0.0.1:1'] },
    });
    expect(errorOf(both)).toContain('cannot be used together');
    const deleted = await api(b.server.address, 'sys/replication/dr/secondary/operation-token/delete', {
      body: { dr_operation_token: opToken },
    });
    expect(deleted.status).toBe(204);
    const afterDelete = await api(b.server.address, 'sys/replication/dr/secondary/promote', {
      body: { dr_operation_token: opToken },
    });
    expect(afterDelete.status).toBe(403);
    expect((await drStatus(B())).mode).toBe('secondary');
  });

  test('operation token from the primary’s key shares, with Vault’s errors for bad input', async () => {
    await operationTokenChecked();
  });

  const failedOver = once(async () => {
    await operationTokenChecked();
    const acknowledged: number[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await api(a.server.address, `secret/data/drill/${i}`, {
          token: root,
          body: { data: { i: String(i) } },
        }).catch(() => null);
        if (res?.status !== 200) break;
        acknowledged.push(i);
      }
    })();
    await waitFor('some acknowledged writes', async () => (acknowledged.length >= 40 ? true : undefined));
    // Everything acknowledged up to here is on the secondary before the kill; later writes may not be.
    const replicatedCount = acknowledged.length;
    const replicatedWal = Number((await drStatus(A())).last_wal);
    await waitFor('the secondary to apply the first writes', async () =>
      Number((await drStatus(B())).last_remote_wal) >= replicatedWal ? true : undefined,
    );
    await a.server.stop('SIGKILL');
    stop = true;
    await writer;
    const applied = Number((await drStatus(B())).last_remote_wal);
    const promoted = await api(b.server.address, 'sys/replication/dr/secondary/promote', {
      body: { dr_operation_token: batchToken },
    });
    // What the promoted cluster shows right after the promotion (later steps change it).
    const status = await drStatus(B());
    const clientLookup = (await api(b.server.address, 'auth/token/lookup-self', { token: clientToken }))
      .status;
    const reads: { status: number; i: unknown }[] = [];
    for (const i of acknowledged) {
      const read = await api(b.server.address, `secret/data/drill/${i}`, { token: root });
      reads.push({ status: read.status, i: (dataOf(read).data as Record<string, unknown> | undefined)?.i });
    }
    const writeAfter = (
      await api(b.server.address, 'secret/data/after-failover', {
        token: root,
        body: { data: { ok: 'yes' } },
      })
    ).status;
    return { acknowledged, replicatedCount, applied, promoted, status, clientLookup, reads, writeAfter };
  });

  test('failover: primary killed mid-writes, promote with the batch token; tokens and applied writes survive', async () => {
    const r = await failedOver();
    expect(r.promoted.status).toBe(200);
    expect(r.promoted.json?.warnings).toEqual([
      'This cluster is being promoted to a replication primary. Vault will be unavailable for a brief period and will resume service shortly.',
    ]);
    expect(r.status).toMatchObject({ mode: 'primary' });
    expect(Number(r.status.last_wal)).toBe(r.applied);
    expect(r.clientLookup).toBe(200);
    // Every acknowledged write is checked: the promoted secondary holds exactly a prefix of
    // them (WALs apply in order), at least all acknowledged before it was seen in step.
    const held = r.reads.filter((read) => read.status === 200).length;
    expect(held).toBeGreaterThanOrEqual(r.replicatedCount);
    expect(r.reads).toEqual(
      r.acknowledged.map((i, n) =>
        n < held ? { status: 200, i: String(i) } : { status: 404, i: undefined },
      ),
    );
    expect(r.writeAfter).toBe(200);
  });

  const oldPrimaryBack = once(async () => {
    const { acknowledged } = await failedOver();
    await a.start();
    await api(a.server.address, 'sys/unseal', { body: { key: keyA } });
    const modeAfterRestart = (await drStatus(A())).mode;
    // SIGKILL loses nothing a persistent node acknowledged: the restarted primary has every write.
    const onRestarted: (string | null)[] = [];
    for (const i of acknowledged) {
      const read = await api(a.server.address, `secret/data/drill/${i}`, { token: root });
      onRestarted.push(read.status === 200 ? String((dataOf(read).data as Record<string, unknown>).i) : null);
    }
    const warnings: string[] = [];
    for (const node of [b, a]) {
      warnings.push(
        await waitFor(
          `the two-primary warning on ${node === a ? 'the old' : 'the promoted'} primary`,
          async () => {
            const res = await api(node.server.address, 'sys/replication/dr/status');
            const found = (res.json?.warnings as string[] | null)?.find((w) =>
              w.includes('Two DR primaries'),
            );
            return found;
          },
        ),
      );
    }
    const demoted = await api(a.server.address, 'sys/replication/dr/primary/demote', {
      token: root,
      body: {},
    });
    const demotedStatus = await drStatus(A());
    const writeOnDemoted = (await api(a.server.address, 'secret/data/drill/1', { token: root })).status;
    const token = await drSecondaryToken(B(), 'a-again');
    const attached = await api(a.server.address, 'sys/replication/dr/secondary/update-primary', {
      body: { dr_operation_token: batchToken, token },
    });
    await waitForMatchingMerkleRoots(B(), A());
    return {
      acknowledged,
      modeAfterRestart,
      onRestarted,
      warnings,
      demoted,
      demotedStatus,
      writeOnDemoted,
      attached,
    };
  });

  test('the old primary comes back with every acknowledged write: both see two primaries; demote it and re-attach it with update-primary', async () => {
    const r = await oldPrimaryBack();
    expect(r.modeAfterRestart).toBe('primary');
    expect(r.onRestarted).toEqual(r.acknowledged.map(String));
    expect(r.warnings).toHaveLength(2);
    for (const warning of r.warnings) expect(warning).toContain('demote one of them');
    expect(r.demoted.status).toBe(200);
    expect(r.demotedStatus).toMatchObject({ mode: 'secondary', primaries: [] });
    expect(r.writeOnDemoted).toBe(400);
    expect(r.attached.status).toBe(200);
  });

  test('failback: promote the original, demote the interim, update-primary: the original topology, nothing lost', async () => {
    await oldPrimaryBack();
    await api(b.server.address, 'secret/data/written-on-b', { token: root, body: { data: { v: 'b' } } });
    await waitForMatchingMerkleRoots(B(), A());
    expect(
      (
        await api(a.server.address, 'sys/replication/dr/secondary/promote', {
          body: { dr_operation_token: batchToken },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api(b.server.address, 'sys/replication/dr/primary/demote', { token: root, body: {} })).status,
    ).toBe(200);
    const token = await drSecondaryToken(A(), 'b-again');
    expect(
      (
        await api(b.server.address, 'sys/replication/dr/secondary/update-primary', {
          body: { dr_operation_token: batchToken, token },
        })
      ).status,
    ).toBe(200);
    await waitForMatchingMerkleRoots(A(), B());
    expect((await drStatus(A())).mode).toBe('primary');
    expect((await drStatus(B())).mode).toBe('secondary');
    const read = await api(a.server.address, 'secret/data/written-on-b', { token: root });
    expect((dataOf(read).data as Record<string, unknown>).v).toBe('b');
    expect((await api(a.server.address, 'auth/token/lookup-self', { token: clientToken })).status).toBe(200);
  });
});
