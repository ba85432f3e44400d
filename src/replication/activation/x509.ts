import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };
export const subtle = webcrypto.subtle;
export type KeyPair = webcrypto.CryptoKeyPair;

/** ECDSA P-521 with SHA-512, as Vault's replication certificates are. */
export const P521 = { name: 'ECDSA', namedCurve: 'P-521', hash: 'SHA-512' } as const;
