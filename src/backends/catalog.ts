import type { BackendCatalog } from '../logical/catalog.js';
import { approleBackend } from './approle/approle.js';
import { certBackend } from './cert/cert.js';
import { cubbyholeBackend } from './cubbyhole/cubbyhole.js';
import { jwtBackend } from './jwt/jwt.js';
import { kvBackendFor } from './kv/kv.js';
import { userpassBackend } from './userpass/userpass.js';

/** The ordinary backends hvr ships (server/node.ts and the embedded node hand it to the core). */
export const builtinBackends: BackendCatalog = {
  kv: { kind: 'secret', create: kvBackendFor },
  cubbyhole: { kind: 'secret', create: () => cubbyholeBackend },
  userpass: { kind: 'auth', create: () => userpassBackend },
  approle: { kind: 'auth', create: () => approleBackend },
  cert: { kind: 'auth', create: () => certBackend },
  jwt: { kind: 'auth', create: () => jwtBackend },
};
