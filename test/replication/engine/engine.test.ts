import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { subscribeServerLog } from '../../../src/cli/commands/server-log.js';
import type { Core } from '../../../src/core/core.js';
import { isHvrError } from '../../../src/core/errors.js';
import { DR_MODE } from '../../../src/replication/dr-mode.js';
import { attach, closeAll, eventually, getSecret, openNode, putSecret } from './fixture.js';

/** The engine over the in-process link: two nodes in one process, no sockets, no HTTP. */
describe('replication engine (DR mode, in-process link)', () => {
  const open: Core[] = [];
  afterEach(async () => {
    await closeAll(open.splice(0));
  });
  const nodes = async () => {
    const primary = await openNode('p');
    const secondary = await openNode('s');
    open.push(secondary, primary);
    return { primary, secondary };
  };

  test('a secondary takes the primary’s data, then streams each new write; catch-up waits for it', async () => {
    const { primary, secondary } = await nodes();
    await putSecret(primary, 'before', { v: 1 });
    await attach(primary, secondary, 'dr1');
    expect(secondary.replication.mode).toBe('secondary');
    expect(secondary.replication.refusesClients).toBe(true);
    expect(await secondary.replication.catchUp(15_000)).toBe(true);
    expect(await getSecret(secondary, 'before')).toEqual({ v: 1 });
    await putSecret(primary, 'after', { v: 2 });
    expect(await secondary.replication.catchUp(15_000)).toBe(true);
    expect(secondary.storage.lastRemoteWal).toBe(primary.storage.lastWal);
    expect(await getSecret(secondary, 'after')).toEqual({ v: 2 });
    expect(secondary.storage.merkleRoot()).toBe(primary.storage.merkleRoot());
  });

  test('status and facts: the primary lists its secondary; a token without a key is a bundle to wrap', async () => {
    const { primary, secondary } = await nodes();
    await attach(primary, secondary, 'dr1');
    const status = await primary.replication.status();
    expect(status.mode).toBe('primary');
    expect(status.known_secondaries).toEqual(['dr1']);
    const fact = await primary.replication.secondaryToken('dr2');
    expect(fact.kind).toBe('bundle');
    if (fact.kind === 'bundle') expect(fact.bundle.mode).toBe(DR_MODE.secondaryBit);
    const refused = await primary.replication.enablePrimary('').catch((e: unknown) => e);
    expect(isHvrError(refused) && refused.status).toBe(400);
  });

  test('the mode decides what ships: a node-class key is refused to every secondary', async () => {
    const { primary, secondary } = await nodes();
    await attach(primary, secondary, 'dr1');
    const service = primary.replication.service;
    expect(service).not.toBeNull();
    expect(() => service?.fetch([DR_MODE.keys.state])).toThrow(/node-class entry/);
    await expect(service?.fetch(['logical/engine-test/x'])).resolves.toHaveLength(1);
  });

  test('promote while the old primary runs: both sides report the other as a second primary', async () => {
    const { primary, secondary } = await nodes();
    await attach(primary, secondary, 'dr1');
    expect(await secondary.replication.catchUp(15_000)).toBe(true);
    await secondary.replication.promote({ force: false, primaryClusterAddr: '' });
    expect(secondary.replication.mode).toBe('primary');
    const seenByNew = await eventually('the promoted side to see its rival', async () =>
      secondary.replication.rivalPrimary(),
    );
    expect(seenByNew.clusterAddr).toBe(primary.clusterAddr);
    const seenByOld = await eventually('the old primary to see its rival', async () =>
      primary.replication.rivalPrimary(),
    );
    expect(seenByOld.clusterAddr).toBe(secondary.clusterAddr);
    expect(seenByOld.clusterId).toBe(seenByNew.clusterId);
    // Demoting the old one ends it on the promoted side's next probe; at once on the old side.
    await primary.replication.demote();
    expect(primary.replication.rivalPrimary()).toBeUndefined();
  });

  test('zero-RPO: a write no secondary applies in time is rolled back and refused', async () => {
    const { primary, secondary } = await nodes();
    await attach(primary, secondary, 'dr1');
    expect(await secondary.replication.catchUp(15_000)).toBe(true);
    await secondary.replication.stop();
    await primary.replication.setZeroRpo(1, 300);
    const refused = await primary.replication
      .synchronous(() => putSecret(primary, 'lost', { v: 4 }))
      .catch((e: unknown) => e);
    expect(isHvrError(refused) && refused.code).toBe('HVR_ZERO_RPO_TIMEOUT');
    expect(await getSecret(primary, 'lost')).toBeNull();
  });

  test('a failure with no caller to answer reaches the server log instead of vanishing', async () => {
    const { primary, secondary } = await nodes();
    await attach(primary, secondary, 'dr1');
    expect(await secondary.replication.catchUp(15_000)).toBe(true);
    await primary.replication.stop();
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const unsubscribe = subscribeServerLog({ stdout: new PassThrough(), stderr });
    try {
      // The primary no longer serves: the catch-up goal cannot be read, so it is logged.
      await secondary.replication.catchUp(200);
    } finally {
      unsubscribe();
    }
    expect(text).toMatch(/\[ERROR\] replication: catch-up: error="the primary is not running"/);
  });
});
