import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type KeyPair, P521, subtle, x509 } from './x509.js';

/**
 * The replication CA a primary makes when replication is enabled, and the certificates it
 * signs: one server certificate for its cluster listener and one client certificate per
 * secondary. Keys are P-521, signatures ECDSA-SHA512, validity about 30 years (as Vault's).
 */
export interface StoredKeyPair {
  /** PKCS#8 DER, base64. */
  readonly privateKey: string;
  /** JWK of the key (x, y, d), for the activation bundle's big integers. */
  readonly jwk: { readonly x: string; readonly y: string; readonly d: string };
}

export interface IssuedCert {
  /** DER, base64 (no PEM armour), as the activation bundle carries it. */
  readonly certDer: string;
  readonly key: StoredKeyPair;
  /** The certificate's common name (a UUID; the secondary's identity for revocation checks). */
  readonly commonName: string;
}

export interface ReplicationCA extends IssuedCert {}

const VALIDITY_MS = 30 * 365 * 24 * 3600 * 1000;

async function newKeyPair(): Promise<KeyPair> {
  return (await subtle.generateKey(P521, true, ['sign', 'verify'])) as KeyPair;
}

async function storeKey(pair: KeyPair): Promise<StoredKeyPair> {
  const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  const jwk = await subtle.exportKey('jwk', pair.privateKey);
  return {
    privateKey: Buffer.from(pkcs8).toString('base64'),
    jwk: { x: jwk.x ?? '', y: jwk.y ?? '', d: jwk.d ?? '' },
  };
}

async function importPrivate(key: StoredKeyPair) {
  return subtle.importKey('pkcs8', Buffer.from(key.privateKey, 'base64'), P521, true, ['sign']);
}

const serial = () =>
  randomBytes(16)
    .toString('hex')
    .replace(/^[89a-f]/, '1');

export async function createReplicationCA(): Promise<ReplicationCA> {
  const pair = await newKeyPair();
  const commonName = `rep-${randomUUID()}`;
  const now = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    notBefore: now,
    notAfter: new Date(now.getTime() + VALIDITY_MS),
    keys: pair,
    signingAlgorithm: P521,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: commonName }]),
    ],
  });
  return { certDer: Buffer.from(cert.rawData).toString('base64'), key: await storeKey(pair), commonName };
}

/**
 * What a certificate may prove: the cluster listener's (`server`, serverAuth only) or a
 * secondary's (`client`, clientAuth only). TLS checks the extended key usage on both sides,
 * so a secondary's certificate cannot pose as a primary's cluster listener.
 */
export type CertUsage = 'server' | 'client';

/**
 * A certificate signed by the CA. `hosts` become SANs (IPs and DNS names) so the cluster
 * listener's certificate verifies by address; client certificates carry their UUID CN.
 */
export async function issueCertificate(
  ca: ReplicationCA,
  opts: { usage: CertUsage; hosts?: readonly string[]; commonName?: string },
): Promise<IssuedCert> {
  const pair = await newKeyPair();
  const commonName = opts.commonName ?? randomUUID();
  const caCert = new x509.X509Certificate(Buffer.from(ca.certDer, 'base64'));
  const now = new Date(Date.now() - 60_000);
  const names: x509.JsonGeneralName[] = [{ type: 'dns', value: commonName }];
  for (const host of opts.hosts ?? []) {
    names.push(/^[\d.]+$|:/.test(host) ? { type: 'ip', value: host } : { type: 'dns', value: host });
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${commonName}`,
    issuer: caCert.subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + VALIDITY_MS),
    publicKey: pair.publicKey,
    signingKey: await importPrivate(ca.key),
    signingAlgorithm: P521,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([
        opts.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
      ]),
      new x509.SubjectAlternativeNameExtension(names),
    ],
  });
  return { certDer: Buffer.from(cert.rawData).toString('base64'), key: await storeKey(pair), commonName };
}

/** SHA-256 (hex) of a DER certificate: the identity a primary binds to a secondary, and a secondary pins. */
export const certFingerprint = (der: string | Buffer): string =>
  createHash('sha256')
    .update(typeof der === 'string' ? Buffer.from(der, 'base64') : der)
    .digest('hex');

/** PEM forms for node:tls. */
export const certPem = (der: string): string => pem('CERTIFICATE', der);
export const keyPem = (key: StoredKeyPair): string => pem('PRIVATE KEY', key.privateKey);

function pem(label: string, base64: string): string {
  return `-----BEGIN ${label}-----\n${base64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

/** The JWK coordinates as the big integers Vault's ClusterKeyParams carries. */
export function keyParams(key: StoredKeyPair): { type: 'p521'; x: bigint; y: bigint; d: bigint } {
  const big = (b64url: string) => BigInt(`0x${Buffer.from(b64url, 'base64url').toString('hex') || '0'}`);
  return { type: 'p521', x: big(key.jwk.x), y: big(key.jwk.y), d: big(key.jwk.d) };
}

/** The inverse of keyParams: a PKCS#8 key from the bundle's big integers. */
export async function keyFromParams(params: { x: bigint; y: bigint; d: bigint }): Promise<StoredKeyPair> {
  const b64 = (n: bigint) => Buffer.from(n.toString(16).padStart(132, '0'), 'hex').toString('base64url');
  const jwk = { kty: 'EC', crv: 'P-521', x: b64(params.x), y: b64(params.y), d: b64(params.d), ext: true };
  const key = await subtle.importKey('jwk', jwk, P521, true, ['sign']);
  const pkcs8 = await subtle.exportKey('pkcs8', key);
  return { privateKey: Buffer.from(pkcs8).toString('base64'), jwk: { x: jwk.x, y: jwk.y, d: jwk.d } };
}
