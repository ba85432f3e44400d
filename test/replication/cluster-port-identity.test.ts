import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Barrier } from '../../src/core/barrier.js';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import {
  certFingerprint,
  certPem,
  createReplicationCA,
  type IssuedCert,
  issueCertificate,
  keyPem,
  type ReplicationCA,
} from '../../src/replication/activation/replication-ca.js';
import { PrimaryService } from '../../src/replication/primary-service.js';
import { ReplicatedStorage } from '../../src/replication/replicated-storage.js';
import type { DrPrimaryState } from '../../src/replication/replication-state.js';
import { type ClusterListener, startClusterListener } from '../../src/server/cluster-listener.js';
import { MemoryBackend } from '../../src/storage/memory.js';

/**
 * The cluster listener over real TLS: a certificate is accepted only if it is the very one
 * issued to a live secondary. One with the same CN from the same CA (what a holder of the
 * CA key could mint) is refused.
 */
describe('cluster port: a secondary is its certificate, not its name', () => {
  let ca: ReplicationCA;
  let issued: IssuedCert;
  let listener: ClusterListener;
  const agents: Agent[] = [];

  beforeAll(async () => {
    ca = await createReplicationCA();
    const server = await issueCertificate(ca, { usage: 'server', hosts: ['127.0.0.1'] });
    issued = await issueCertificate(ca, { usage: 'client' });
    const state: DrPrimaryState = {
      mode: 'primary',
      clusterId: 'c1',
      primaryClusterAddr: '',
      ca,
      server,
      secondaries: [
        {
          id: 'live',
          certName: issued.commonName,
          fingerprint: certFingerprint(issued.certDer),
          revoked: false,
        },
      ],
      lastReindexEpoch: 0,
    };
    const memory = new MemoryBackend();
    const storage = new ReplicatedStorage(memory, (k) => new StorageClassifier().classOf(k));
    await storage.setRole('primary', { rebuild: true });
    const service = new PrimaryService(
      storage,
      new Barrier(memory),
      () => state,
      () => ({
        apiAddr: '',
        clusterAddr: '',
      }),
    );
    listener = await startClusterListener({
      host: '127.0.0.1',
      port: 0,
      caPem: certPem(ca.certDer),
      certPem: certPem(server.certDer),
      keyPem: keyPem(server.key),
      service: () => service,
    });
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await listener.close();
  });

  const merkleRoot = async (cert: IssuedCert) => {
    const agent = new Agent({
      connect: { ca: certPem(ca.certDer), cert: certPem(cert.certDer), key: keyPem(cert.key) },
    });
    agents.push(agent);
    const res = await request(`https://127.0.0.1:${listener.port}/v1/replication/merkle/root`, {
      method: 'POST',
      dispatcher: agent,
      body: '{}',
    });
    return { status: res.statusCode, text: await res.body.text() };
  };

  test('the issued certificate is served; another for the same CN from the same CA is refused', async () => {
    expect((await merkleRoot(issued)).status).toBe(200);
    const forged = await issueCertificate(ca, { usage: 'client', commonName: issued.commonName });
    const refused = await merkleRoot(forged);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('not one this primary issued');
  });

  test('a certificate without the clientAuth usage fails the TLS handshake', async () => {
    const serverOnly = await issueCertificate(ca, { usage: 'server', commonName: issued.commonName });
    await expect(merkleRoot(serverOnly)).rejects.toThrow();
  });
});
