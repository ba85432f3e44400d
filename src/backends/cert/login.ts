import { X509Certificate } from 'node:crypto';
import { addressInCIDRs } from '../../logical/cidr.js';
import { badRequest, internalError, permissionDenied } from '../../logical/errors.js';
import type { Handler } from '../../logical/path-spec.js';
import type { LoginAuth } from '../../logical/request.js';
import type { StorageView } from '../../logical/storage-view.js';
import { tokenParamsLoginAuth } from '../token-params.js';
import { CERT_PREFIX, type CertEntry, loadCert } from './cert-entry.js';
import { parsePEM } from './pem.js';
import { ChainError, commonName, matchesConstraints, verifyChains } from './verify.js';

interface Trusted {
  readonly entry: CertEntry;
  readonly certs: X509Certificate[];
}

/** loadTrustedCerts: CA entries become roots, non-CA entries are matched byte for byte. */
async function loadTrusted(storage: StorageView, name: string) {
  const names = name !== '' ? [name] : await storage.list(CERT_PREFIX);
  const cas: Trusted[] = [];
  const nonCAs: Trusted[] = [];
  for (const n of names) {
    const entry = await loadCert(storage, n);
    if (entry === null) continue;
    const certs = parsePEM(entry.certificate);
    const first = certs[0];
    if (first === undefined) continue;
    (first.ca ? cas : nonCAs).push({ entry, certs });
  }
  return { cas, nonCAs };
}

/**
 * pathLogin / verifyCredentials: the client certificate of this TLS connection must equal a
 * trusted non-CA certificate, or chain to a trusted CA, and meet that entry's constraints.
 */
export const login: Handler = async (req, f, ctx) => {
  if (req.peerCertificates === undefined) throw badRequest('tls connection required');
  const presented = req.peerCertificates();
  if (presented.length === 0) throw badRequest('client certificate must be supplied');
  const [leaf, ...rest] = presented.map((der) => new X509Certificate(der));
  if (leaf === undefined) throw badRequest('client certificate must be supplied');
  const { cas, nonCAs } = await loadTrusted(ctx.storage, (f.string('name') ?? '').toLowerCase());

  let matched: Trusted | undefined = nonCAs.find(
    (t) => t.certs[0]?.raw.equals(leaf.raw) === true && matchesConstraints(leaf, t.entry),
  );
  if (matched === undefined) {
    let chains: X509Certificate[][];
    try {
      chains = verifyChains(
        leaf,
        rest,
        cas.flatMap((t) => t.certs),
      );
    } catch (error) {
      if (error instanceof ChainError)
        throw internalError(`failed to verify client's certificate: ${error.message}`);
      throw error;
    }
    if (chains.length === 0) throw badRequest('invalid certificate or no client certificate supplied');
    matched = cas.find(
      (t) =>
        t.certs.some((tc) => chains.some((chain) => chain.some((c) => c.raw.equals(tc.raw)))) &&
        matchesConstraints(leaf, t.entry),
    );
    if (matched === undefined) {
      throw badRequest('no chain matching all constraints could be found for this login certificate');
    }
  }
  const entry = matched.entry;
  if (entry.tokenBoundCIDRs.length > 0) {
    if (req.remoteAddress === undefined || !addressInCIDRs(req.remoteAddress, entry.tokenBoundCIDRs)) {
      throw permissionDenied();
    }
  }
  // @peculiar/x509 is slow to load; only a cert login needs it, so it is not paid at startup.
  const { keyIds } = await import('./key-ids.js');
  const ids = keyIds(leaf.raw);
  const auth: LoginAuth = {
    ...tokenParamsLoginAuth(entry),
    displayName: entry.displayName,
    metadata: {
      authority_key_id: ids.authorityKeyId,
      cert_name: entry.name,
      common_name: commonName(leaf),
      serial_number: BigInt(`0x${leaf.serialNumber}`).toString(10),
      subject_key_id: ids.subjectKeyId,
    },
    internalData: { certificate: leaf.raw.toString('base64') },
  };
  return { login: auth };
};
