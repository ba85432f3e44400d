import type { PrimaryService } from '../primary-service.js';
import type { Link } from './link.js';

/** A link to a primary in the same process: the engine without sockets (tests, embedded clusters). */
export function inProcessLink(primary: () => PrimaryService | null, fingerprint: string): Link {
  const service = (): PrimaryService => {
    const p = primary();
    if (!p) throw new Error('the primary is not running');
    return p;
  };
  const authorized = (): PrimaryService => {
    const p = service();
    p.authorize(fingerprint);
    return p;
  };
  return {
    kind: 'in-process',
    wals: async (after, waitMs, signal) => {
      return service().wals(after, waitMs, signal, fingerprint);
    },
    lastWal: async () => authorized().lastWal(),
    merkleRoot: async () => authorized().merkleRoot(),
    pageHashes: async () => authorized().pageHashes(),
    bucketHashes: async (page) => authorized().bucketHashes(page),
    bucketEntries: async (page, bucket) => authorized().bucketEntries(page, bucket),
    bucketHashesMany: async (pages) => authorized().bucketHashesMany(pages),
    bucketEntriesMany: async (slots) => authorized().bucketEntriesMany(slots),
    fetch: async (keys) => authorized().fetch(keys),
    keyMaterial: async () => authorized().keyMaterial(),
    heartbeat: async (req) => {
      const p = service();
      return p.heartbeat(p.authorize(fingerprint).id, req);
    },
    close: async () => undefined,
  };
}
