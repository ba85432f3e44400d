import { WAL_PREFIX } from '../../replication/wal-record.js';
import type { StorageObserver } from '../../storage/timed.js';
import type { Telemetry } from './telemetry.js';

/**
 * Storage timings under Vault's names: `vault.<backend>.<op>` for every call, and
 * `vault.wal.persistWALs` for the commits that carry WAL records (hvr writes a WAL record
 * in the same transaction as the change it records, so that commit is the WAL's persist).
 */
export function storageTimings(telemetry: Telemetry, backend: string): StorageObserver {
  return (op, ms, written) => {
    telemetry.addSample(`${backend}.${op}`, ms);
    if (written?.some((key) => key.startsWith(WAL_PREFIX))) telemetry.addSample('wal.persistWALs', ms);
  };
}
