import { HvrError } from '../../core/errors.js';
import type { IssuedCert } from '../activation/replication-ca.js';
import { certFingerprint, certPem, keyPem } from '../activation/replication-ca.js';
import { inProcessLink } from '../link/in-process.js';
import type { Link } from '../link/link.js';
import { mtlsLink } from '../link/mtls.js';
import { inProcessPrimary } from '../peers.js';

/** How to reach a primary: its cluster address and the credentials its activation gave. */
export interface LinkTarget {
  readonly primaryClusterAddr: string;
  readonly caCertDer: string;
  readonly client: IssuedCert | null;
  readonly primaryCertSha256?: string;
}

/** An `inproc://` address links in-process (embedded clusters, tests); any other speaks mTLS. */
export async function linkFor(target: LinkTarget): Promise<Link> {
  const client = target.client;
  if (!client)
    throw new HvrError(
      'HVR_BAD_REQUEST',
      400,
      'this secondary has no primary: use update-primary with an activation token',
    );
  if (target.primaryClusterAddr.startsWith('inproc://')) {
    const primary = await inProcessPrimary(target.primaryClusterAddr);
    if (!primary)
      throw new HvrError('HVR_BAD_REQUEST', 400, `no in-process primary at ${target.primaryClusterAddr}`);
    return inProcessLink(primary, certFingerprint(client.certDer));
  }
  return mtlsLink({
    clusterAddr: target.primaryClusterAddr,
    caPem: certPem(target.caCertDer),
    certPem: certPem(client.certDer),
    keyPem: keyPem(client.key),
    ...(target.primaryCertSha256 ? { pinnedCertSha256: target.primaryCertSha256 } : {}),
  });
}
