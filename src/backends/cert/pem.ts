import { X509Certificate } from 'node:crypto';

/** certutil's parsePEM: every CERTIFICATE block that parses; the rest is skipped. */
export function parsePEM(text: string): X509Certificate[] {
  const out: X509Certificate[] = [];
  const re = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
  for (const match of text.matchAll(re)) {
    try {
      out.push(new X509Certificate(match[0]));
    } catch {
      // Go's parsePEM skips blocks that do not parse; so do we.
    }
  }
  return out;
}
