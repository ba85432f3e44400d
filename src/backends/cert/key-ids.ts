import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
} from '@peculiar/x509';

const colons = (hex: string | null | undefined): string => (hex ?? '').match(/../g)?.join(':') ?? '';

/** certutil.GetHexFormatted of the subject and authority key ids (`ab:cd:…`, "" when absent). */
export function keyIds(der: Uint8Array): { subjectKeyId: string; authorityKeyId: string } {
  const cert = new X509Certificate(der);
  const ski = cert.getExtension(SubjectKeyIdentifierExtension);
  const aki = cert.getExtension(AuthorityKeyIdentifierExtension);
  return { subjectKeyId: colons(ski?.keyId), authorityKeyId: colons(aki?.keyId) };
}
