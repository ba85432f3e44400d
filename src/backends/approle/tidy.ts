import type { Handler } from '../../logical/path-spec.js';
import { readJSON } from '../../logical/storage-view.js';
import { respondWithStatus } from '../kv/respond-with-status.js';
import {
  ACCESSOR_LOCAL_PREFIX,
  ACCESSOR_PREFIX,
  SECRET_ID_LOCAL_PREFIX,
  SECRET_ID_PREFIX,
} from './role-entry.js';
import { isExpired, readSecretId } from './secret-id-entry.js';

/**
 * tidy/secret-id (tidySecretIDinternal): removes expired secret ids, and accessor entries
 * whose secret id is gone. Vault runs it in the background and answers 202 at once; the
 * work here is small enough to finish before answering, with the same answer.
 */
export const tidySecretIds: Handler = async (req, _f, ctx) => {
  const storage = ctx.storage;
  for (const [secretPrefix, accessorPrefix] of [
    [SECRET_ID_PREFIX, ACCESSOR_PREFIX],
    [SECRET_ID_LOCAL_PREFIX, ACCESSOR_LOCAL_PREFIX],
  ] as const) {
    const live = new Set<string>();
    const expired = new Set<string>();
    for (const key of await storage.scan(secretPrefix)) {
      const entry = await readSecretId(storage, key);
      const hmac = key.slice(key.lastIndexOf('/') + 1);
      if (entry && !isExpired(entry)) live.add(hmac);
      else {
        expired.add(hmac);
        await storage.delete(key);
      }
    }
    for (const name of await storage.list(accessorPrefix)) {
      const key = `${accessorPrefix}${name}`;
      const accessor = await readJSON<{ secret_id_hmac: string }>(storage, key);
      if (!accessor || !live.has(accessor.secret_id_hmac)) await storage.delete(key);
    }
  }
  return respondWithStatus(req, 202, {
    warnings: [
      "Tidy operation successfully started. Any information from the operation will be printed to Vault's server logs.",
    ],
  });
};
