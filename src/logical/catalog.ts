import type { Backend } from './path-spec.js';

/**
 * The backend types a node can mount (Vault's builtin plugin catalog), handed to the core by
 * whoever assembles the node, so the core imports no ordinary backend. `sys/` and
 * `auth/token` are not in it: as in Vault they belong to the core.
 */
export interface CatalogEntry {
  /** Which table may mount it: `sys/mounts` (secret) or `sys/auth` (auth). */
  readonly kind: 'secret' | 'auth';
  /** The backend for a mount's options (kv's `version`). */
  create(options: Readonly<Record<string, string>>): Backend;
}

export type BackendCatalog = Readonly<Record<string, CatalogEntry>>;
