import type { X509Certificate } from 'node:crypto';
import { glob } from '../../logical/glob.js';
import type { CertEntry } from './cert-entry.js';

const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EKU_ANY = '2.5.29.37.0';
const MAX_DEPTH = 10;

export class ChainError extends Error {}

const current = (c: X509Certificate, now: number): boolean =>
  Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo);

/**
 * Go's x509.Certificate.Verify for a client certificate: chains from `leaf` through the
 * presented `intermediates` (CA certificates) to one of `roots`, every signature and validity
 * period checked, and the leaf usable for client authentication. No chain to a known root
 * answers [] (Go's UnknownAuthorityError, which the cert backend treats as "not trusted");
 * a chain that reaches a root but is unusable throws ChainError.
 */
export function verifyChains(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  now = Date.now(),
): X509Certificate[][] {
  const chains: X509Certificate[][] = [];
  let problem: string | undefined;
  const walk = (chain: X509Certificate[]) => {
    const tip = chain[chain.length - 1];
    if (tip === undefined || chain.length > MAX_DEPTH) return;
    for (const root of roots) {
      if (tip.checkIssued(root) && tip.verify(root.publicKey)) {
        const full = [...chain, root];
        const stale = full.find((c) => !current(c, now));
        if (stale) problem = 'x509: certificate has expired or is not yet valid';
        else chains.push(full);
      }
    }
    for (const next of intermediates) {
      if (!next.ca || chain.some((c) => c.raw.equals(next.raw))) continue;
      if (tip.checkIssued(next) && tip.verify(next.publicKey)) walk([...chain, next]);
    }
  };
  if (roots.some((r) => r.raw.equals(leaf.raw)) && current(leaf, now)) chains.push([leaf]);
  walk([leaf]);
  const eku = leaf.keyUsage;
  if (chains.length > 0 && eku !== undefined && !eku.includes(EKU_CLIENT_AUTH) && !eku.includes(EKU_ANY)) {
    throw new ChainError('x509: certificate specifies an incompatible key usage');
  }
  if (chains.length === 0 && problem !== undefined) throw new ChainError(problem);
  return chains;
}

/** `CN=a\nO=b` → values of one attribute. */
const subjectValues = (c: X509Certificate, attr: string): string[] =>
  c.subject
    .split('\n')
    .filter((line) => line.startsWith(`${attr}=`))
    .map((line) => line.slice(attr.length + 1));

/** `DNS:a, email:b, URI:c` → values of one kind. */
function sans(c: X509Certificate, kind: string): string[] {
  if (!c.subjectAltName) return [];
  return c.subjectAltName
    .split(', ')
    .filter((part) => part.startsWith(`${kind}:`))
    .map((part) => part.slice(kind.length + 1));
}

export const commonName = (c: X509Certificate): string => subjectValues(c, 'CN')[0] ?? '';

const anyGlob = (patterns: readonly string[], values: readonly string[]): boolean =>
  patterns.length === 0 || patterns.some((p) => values.some((v) => glob(p, v)));

/** matchesConstraints without CRLs and OCSP: names, common names, SANs, OUs. */
export function matchesConstraints(c: X509Certificate, entry: CertEntry): boolean {
  const cn = commonName(c);
  return (
    anyGlob(entry.allowedNames, [cn, ...sans(c, 'DNS'), ...sans(c, 'email')]) &&
    anyGlob(entry.allowedCommonNames, [cn]) &&
    anyGlob(entry.allowedDNSSANs, sans(c, 'DNS')) &&
    anyGlob(entry.allowedEmailSANs, sans(c, 'email')) &&
    anyGlob(entry.allowedURISANs, sans(c, 'URI')) &&
    anyGlob(entry.allowedOrganizationalUnits, subjectValues(c, 'OU')) &&
    // Extension matching needs the DER of each extension, which node:crypto does not give:
    // an entry that requires extensions matches nothing rather than everything.
    entry.requiredExtensions.length === 0
  );
}
