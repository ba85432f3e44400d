import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Core } from '../../src/core/core.js';
import type { ActivationBundle } from '../../src/replication/activation/activation-token.js';
import {
  certFingerprint,
  certPem,
  keyFromParams,
  keyPem,
} from '../../src/replication/activation/replication-ca.js';
import { DR_MODE } from '../../src/replication/dr-mode.js';
import { inProcessLink } from '../../src/replication/link/in-process.js';
import { type Link, LinkRefusedError } from '../../src/replication/link/link.js';
import { mtlsLink } from '../../src/replication/link/mtls.js';
import type { DrPrimaryState } from '../../src/replication/replication-state.js';
import { type ClusterListener, startClusterListener } from '../../src/server/cluster-listener.js';
import { closeAll, openNode, putSecret } from './engine/fixture.js';

/**
 * The same promises over both links: the in-process one (embedded clusters, tests) and
 * mTLS to a real cluster listener with certificates from the primary's replication CA.
 */
let primary: Core;
let listener: ClusterListener;
/** Credentials of a live secondary and of a revoked one, as their activation bundles carry them. */
const bundles: Record<'live' | 'revoked', ActivationBundle> = {} as Record<
  'live' | 'revoked',
  ActivationBundle
>;

beforeAll(async () => {
  primary = await openNode('link-primary');
  await primary.replication.enablePrimary('');
  for (const id of ['live', 'revoked'] as const) {
    const fact = await primary.replication.secondaryToken(id);
    if (fact.kind !== 'bundle') throw new Error('expected an activation bundle');
    bundles[id] = fact.bundle as unknown as ActivationBundle;
  }
  await primary.replication.revokeSecondary('revoked');
  const state = primary.replication.roles.state as DrPrimaryState;
  listener = await startClusterListener({
    host: '127.0.0.1',
    port: 0,
    caPem: certPem(state.ca.certDer),
    certPem: certPem(state.server.certDer),
    keyPem: keyPem(state.server.key),
    service: () => primary.replication.service,
  });
  for (let i = 0; i < 20; i++) await putSecret(primary, `k${i}`, { i });
});

afterAll(async () => {
  await listener?.close();
  await closeAll(primary ? [primary] : []);
});

const makers: Record<Link['kind'], (bundle: ActivationBundle) => Promise<Link>> = {
  'in-process': async (bundle) =>
    inProcessLink(() => primary.replication.service, certFingerprint(bundle.client_cert)),
  mtls: async (bundle) =>
    mtlsLink({
      clusterAddr: `https://127.0.0.1:${listener.port}`,
      caPem: certPem(bundle.ca_cert),
      certPem: certPem(bundle.client_cert),
      keyPem: keyPem(await keyFromParams(bundle.client_key)),
      pinnedCertSha256: certFingerprint(bundle.primary_cluster_cert ?? ''),
    }),
};

describe.each(['in-process', 'mtls'] as const)('Link conformance: %s', (kind) => {
  let link: Link;
  beforeAll(async () => {
    link = await makers[kind](bundles.live);
  });
  afterAll(async () => {
    await link?.close();
  });

  test('kind names the transport', () => {
    expect(link.kind).toBe(kind);
  });

  test('lastWal is the primary’s last WAL index, and moves with a write', async () => {
    expect(await link.lastWal()).toBe(primary.storage.lastWal);
    await putSecret(primary, `moved-${kind}`, { kind });
    expect(await link.lastWal()).toBe(primary.storage.lastWal);
  });

  test('wals hands over the records after a cursor, in order, ending at lastWal', async () => {
    const last = await link.lastWal();
    const fetched = await link.wals(last - 3, 0);
    expect(fetched.kind).toBe('records');
    if (fetched.kind !== 'records') return;
    expect(fetched.records.map((r) => r.index)).toEqual([last - 2, last - 1, last]);
    expect(fetched.lastWal).toBe(last);
  });

  test('a long poll at the head returns when the next write lands', async () => {
    const last = await link.lastWal();
    const poll = link.wals(last, 20_000);
    await putSecret(primary, `polled-${kind}`, { kind });
    const fetched = await poll;
    expect(fetched.kind === 'records' && fetched.records[0]?.index).toBe(last + 1);
  });

  test('merkle: the root and the page hashes are the primary’s', async () => {
    expect(await link.merkleRoot()).toBe(primary.storage.merkleRoot());
    expect(await link.pageHashes()).toEqual(primary.storage.merkle.pageHashes());
    const [many] = await link.bucketHashesMany([0]);
    expect(many).toEqual(await link.bucketHashes(0));
  });

  test('fetch returns stored bytes of a shipped key, null for a missing one', async () => {
    const [present, missing] = await link.fetch(['logical/engine-test/k1', 'logical/engine-test/none']);
    expect(present?.value).not.toBeNull();
    expect(missing).toEqual({ key: 'logical/engine-test/none', value: null });
  });

  test('a key the mode does not ship is refused, not sent', async () => {
    await expect(link.fetch([DR_MODE.keys.state])).rejects.toBeInstanceOf(LinkRefusedError);
  });

  test('key material carries the keyring and the seal keys', async () => {
    const material = await link.keyMaterial();
    expect(material.sealedRootKey).not.toBe('');
    expect(material.sealConfig).not.toBe('');
    expect(material.keyring).toEqual(primary.barrier.exportKeyring());
  });

  test('heartbeat answers as the primary of the set', async () => {
    const reply = await link.heartbeat({
      lastRemoteWal: 0,
      apiAddr: 'a',
      clusterAddr: 'c',
      time: Date.now(),
    });
    const state = primary.replication.roles.state as DrPrimaryState;
    expect(reply.mode).toBe('primary');
    expect(reply.clusterId).toBe(state.clusterId);
    expect(reply.lastWal).toBe(primary.storage.lastWal);
  });

  test('a revoked secondary is refused on every call', async () => {
    const revoked = await makers[kind](bundles.revoked);
    try {
      await expect(revoked.lastWal()).rejects.toBeInstanceOf(LinkRefusedError);
      await expect(revoked.wals(0, 0)).rejects.toBeInstanceOf(LinkRefusedError);
      await expect(revoked.merkleRoot()).rejects.toBeInstanceOf(LinkRefusedError);
    } finally {
      await revoked.close();
    }
  });
});
