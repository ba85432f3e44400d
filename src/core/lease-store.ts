import { msToRfc3339Nano } from '../gocompat/time.js';
import { badRequest } from '../logical/errors.js';
import { readJSON, type StorageView, writeJSON } from '../logical/storage-view.js';
import { KEYS } from './storage-keys.js';

/** A lease as sys/leases shows it. Today only auth leases (tokens from logins and token/create). */
export interface LeaseEntry {
  readonly leaseId: string;
  /** The token the lease belongs to (auth leases: the token itself). */
  readonly clientToken: string;
  readonly kind: 'auth';
  /** Epoch milliseconds. */
  readonly issueTime: number;
  readonly expireTime: number;
  readonly lastRenewalTime: number;
  readonly renewable: boolean;
}

/** Lease ids contain slashes; storage keys use them as written, under sys/expire/id/. */
export class LeaseStore {
  constructor(private readonly storage: StorageView) {}

  async put(entry: LeaseEntry): Promise<void> {
    await writeJSON(this.storage, `${KEYS.leasePrefix}${entry.leaseId}`, entry);
  }

  async get(leaseId: string): Promise<LeaseEntry | null> {
    if (leaseId === '' || leaseId.includes('..')) return null;
    return readJSON<LeaseEntry>(this.storage, `${KEYS.leasePrefix}${leaseId}`);
  }

  async delete(leaseId: string): Promise<void> {
    await this.storage.delete(`${KEYS.leasePrefix}${leaseId}`);
  }

  /** One level of lease ids under a prefix, as LIST sys/leases/lookup/:prefix shows them. */
  async list(prefix: string): Promise<string[]> {
    return this.storage.list(`${KEYS.leasePrefix}${prefix}`);
  }

  /** Every lease id under a prefix, any depth. */
  async idsUnder(prefix: string): Promise<string[]> {
    const base = KEYS.leasePrefix;
    return (await this.storage.scan(`${base}${prefix}`)).map((k) => k.slice(base.length));
  }

  async requireLease(leaseId: string): Promise<LeaseEntry> {
    const lease = await this.get(leaseId);
    if (!lease) throw badRequest('invalid lease');
    return lease;
  }
}

export const toLeaseLookup = (lease: LeaseEntry, now = Date.now()): Record<string, unknown> => ({
  expire_time: lease.expireTime > 0 ? msToRfc3339Nano(lease.expireTime) : null,
  id: lease.leaseId,
  issue_time: msToRfc3339Nano(lease.issueTime),
  last_renewal: lease.lastRenewalTime > lease.issueTime ? msToRfc3339Nano(lease.lastRenewalTime) : null,
  renewable: lease.renewable,
  ttl: lease.expireTime > 0 ? Math.max(0, Math.floor((lease.expireTime - now) / 1000)) : 0,
});
