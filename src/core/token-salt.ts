import { createHmac, randomBytes } from 'node:crypto';
import { decodeJSON, encodeJSON, readJSON, type StorageView } from '../logical/storage-view.js';
import type { TokenEntry } from '../logical/token-entry.js';
import { KEYS } from './storage-keys.js';
import { hashId } from './token-id.js';

interface StoredSalt {
  /** base64, 32 random bytes. */
  readonly salt: string;
}

/**
 * The per-cluster salt of token storage keys (Vault's TokenStore.Salt / SaltID): token ids
 * and accessors are stored under HMAC-SHA256(salt, id), so a reader of the data file cannot
 * confirm a guessed token by hashing it. The salt lives under sys/token/ (local class), so
 * a DR secondary receives the primary's and finds the same keys. Storage written before
 * the salt existed used the bare SHA-256; `ensure` moves it once, on unseal.
 */
export class TokenSalt {
  private cached: Buffer | null = null;

  constructor(
    private readonly storage: StorageView,
    /** False on a DR secondary: the salt may change under it with the primary's stream. */
    private readonly cacheable: () => boolean,
  ) {}

  reset(): void {
    this.cached = null;
  }

  /** The storage name of a token id or accessor. */
  async id(value: string): Promise<string> {
    const salt = await this.current();
    return salt === null ? hashId(value) : createHmac('sha256', salt).update(value).digest('hex');
  }

  /**
   * The folder of a token's cubbyhole. Vault's router (routeCommon) hands the cubbyhole
   * backend `re.SaltID(salt.SaltID(token))`, a double salt; hvr has one salt per cluster
   * and applies it twice. Before the salt exists: the legacy bare SHA-256.
   */
  async cubbyholeId(token: string): Promise<string> {
    const salt = await this.current();
    if (salt === null) return legacyCubbyholeId(token);
    const once = createHmac('sha256', salt).update(token).digest('hex');
    return createHmac('sha256', salt).update(once).digest('hex');
  }

  private async current(): Promise<Buffer | null> {
    // A node that just became a DR secondary may still hold its own salt: never trust it there.
    if (this.cached && this.cacheable()) return this.cached;
    const stored = await readJSON<StoredSalt>(this.storage, KEYS.tokenSalt);
    const salt = stored ? Buffer.from(stored.salt, 'base64') : null;
    if (salt && this.cacheable()) this.cached = salt;
    return salt;
  }

  /**
   * Creates the salt if there is none, re-keying every stored token, accessor and parent
   * index entry from the unsalted hash, and renaming auth leases named after that hash, all
   * in one transaction. Returns how many tokens moved.
   */
  async ensure(): Promise<number> {
    this.reset();
    if ((await this.storage.get(KEYS.tokenSalt)) !== null) return 0;
    const salt = randomBytes(32);
    const salted = (value: string) => createHmac('sha256', salt).update(value).digest('hex');
    const byOldKey = new Map<string, TokenEntry>();
    for (const key of await this.storage.list(KEYS.tokenIdPrefix)) {
      const raw = await this.storage.get(`${KEYS.tokenIdPrefix}${key}`);
      if (raw !== null) byOldKey.set(key, decodeJSON<TokenEntry>(raw));
    }
    // Auth leases were named `<path>/<first 40 hex of sha256(token)>`: rename them too.
    const leaseMoves: Array<{ oldKey: string; lease: LeaseLike }> = [];
    for (const key of await this.storage.scan(KEYS.leasePrefix)) {
      const raw = await this.storage.get(key);
      const lease = raw === null ? null : decodeJSON<LeaseLike>(raw);
      const oldSuffix = lease ? `/${hashId(lease.clientToken).slice(0, 40)}` : '';
      if (lease?.kind !== 'auth' || !lease.leaseId.endsWith(oldSuffix)) continue;
      const leaseId = `${lease.leaseId.slice(0, -oldSuffix.length)}/${salted(lease.clientToken).slice(0, 40)}`;
      leaseMoves.push({ oldKey: key, lease: { ...lease, leaseId } });
      const entry = byOldKey.get(hashId(lease.clientToken));
      if (entry) byOldKey.set(hashId(lease.clientToken), { ...entry, leaseId });
    }
    const parentKeys = await this.storage.scan(KEYS.tokenParentPrefix);
    const accessorKeys = await this.storage.list(KEYS.tokenAccessorPrefix);
    await this.storage.transaction((tx) => {
      for (const key of parentKeys) tx.delete(key);
      for (const key of accessorKeys) tx.delete(`${KEYS.tokenAccessorPrefix}${key}`);
      for (const [oldKey, entry] of byOldKey) {
        tx.delete(`${KEYS.tokenIdPrefix}${oldKey}`);
        tx.put(`${KEYS.tokenIdPrefix}${salted(entry.id)}`, encodeJSON(entry));
        tx.put(
          `${KEYS.tokenAccessorPrefix}${salted(entry.accessor)}`,
          encodeJSON({ tokenHash: salted(entry.id) }),
        );
        if (entry.parent !== '') {
          tx.put(`${KEYS.tokenParentPrefix}${salted(entry.parent)}/${salted(entry.id)}`, new Uint8Array(0));
        }
      }
      for (const { oldKey, lease } of leaseMoves) {
        tx.delete(oldKey);
        tx.put(`${KEYS.leasePrefix}${lease.leaseId}`, encodeJSON(lease));
      }
      tx.put(KEYS.tokenSalt, encodeJSON({ salt: salt.toString('base64') } satisfies StoredSalt));
    });
    return byOldKey.size;
  }
}

/** Where cubbyholes lived before they were salted: the bare SHA-256 hex of the token. */
export const legacyCubbyholeId = (token: string): string => hashId(token);

/** The fields of a stored lease the migration reads (lease-store.ts LeaseEntry). */
interface LeaseLike {
  readonly leaseId: string;
  readonly clientToken: string;
  readonly kind: string;
}
