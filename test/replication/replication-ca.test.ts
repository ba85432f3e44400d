import { X509Certificate } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  certPem,
  createReplicationCA,
  issueCertificate,
  keyFromParams,
  keyParams,
} from '../../src/replication/activation/replication-ca.js';

describe('replication CA', () => {
  test('a P-521 CA signs certificates that verify against it, with the hosts as SANs', async () => {
    const ca = await createReplicationCA();
    const caCert = new X509Certificate(certPem(ca.certDer));
    expect(caCert.ca).toBe(true);
    expect(caCert.subject).toBe(`CN=${ca.commonName}`);
    expect(caCert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp521r1');

    const server = await issueCertificate(ca, { usage: 'server', hosts: ['127.0.0.1', 'localhost'] });
    const serverCert = new X509Certificate(certPem(server.certDer));
    expect(serverCert.verify(caCert.publicKey)).toBe(true);
    expect(serverCert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serverCert.checkHost('localhost')).toBe('localhost');

    const other = await createReplicationCA();
    expect(serverCert.verify(new X509Certificate(certPem(other.certDer)).publicKey)).toBe(false);
  });

  test('server and client certificates carry distinct extended key usages', async () => {
    const ca = await createReplicationCA();
    const server = new X509Certificate(certPem((await issueCertificate(ca, { usage: 'server' })).certDer));
    const client = new X509Certificate(certPem((await issueCertificate(ca, { usage: 'client' })).certDer));
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
  });

  test('key parameters survive the big-integer round trip of the activation bundle', async () => {
    const ca = await createReplicationCA();
    const client = await issueCertificate(ca, { usage: 'client' });
    const params = keyParams(client.key);
    expect(typeof params.d).toBe('bigint');
    const restored = await keyFromParams(params);
    expect(restored.jwk).toEqual(client.key.jwk);
  });
});
