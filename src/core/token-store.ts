import { badRequest, HvrError } from '../logical/errors.js';
import { decodeJSON, encodeJSON, readJSON, type StorageView } from '../logical/storage-view.js';
import type { TokenEntry } from '../logical/token-entry.js';
import type { Barrier } from './barrier.js';
import type { ParsedEntryMemo } from './parsed-entry-memo.js';
import { KEYS } from './storage-keys.js';
import { BATCH_TOKEN_PREFIX, newAccessor, newServiceToken } from './token-id.js';
import { TokenSalt } from './token-salt.js';

export interface CreateTokenOptions {
  id?: string;
  parent: string;
  policies: readonly string[];
  path: string;
  meta?: Record<string, string> | null;
  displayName: string;
  numUses?: number;
  ttl: number;
  explicitMaxTTL?: number;
  maxTTL?: number;
  boundCIDRs?: readonly string[];
  period?: number;
  type?: 'service' | 'batch';
  renewable?: boolean;
  role?: string;
  internalData?: Record<string, unknown>;
  /** Names the auth lease; `idKey` is the token's salted storage name (never the id). */
  leaseIdFor?: (entry: TokenEntry, idKey: string) => string;
}

interface AccessorIndex {
  readonly tokenHash: string;
}

const BATCH_AAD = 'core/batch-token';

/**
 * Service tokens live in storage under the SHA-256 of their id, with an accessor index and
 * a parent index so a revocation reaches every child. Batch tokens are not stored: they
 * carry their entry, encrypted under the barrier.
 */
export class TokenStore {
  private readonly onRevokeHooks: Array<(entry: TokenEntry) => Promise<void>> = [];
  /** Parsed entries of recently used tokens, valid only while their stored bytes are unchanged. */
  private readonly entries: ParsedEntryMemo<TokenEntry>;

  readonly salt: TokenSalt;

  constructor(
    private readonly storage: StorageView,
    private readonly barrier: Barrier,
    saltCacheable: () => boolean = () => true,
  ) {
    this.salt = new TokenSalt(storage, saltCacheable);
    this.entries = barrier.parsedEntryMemo<TokenEntry>(4096);
  }

  /** Called for every token revoked: cubbyhole and lease clean-up. */
  onRevoke(hook: (entry: TokenEntry) => Promise<void>): void {
    this.onRevokeHooks.push(hook);
  }

  async create(opts: CreateTokenOptions): Promise<TokenEntry> {
    const type = opts.type ?? 'service';
    const now = Date.now();
    // Callers compute the TTL (a period included) with the mount's limits: calculateTTL.
    const ttl = opts.ttl;
    const maxTTL = opts.explicitMaxTTL ?? 0;
    const effectiveTTL = maxTTL > 0 && (ttl === 0 || ttl > maxTTL) ? maxTTL : ttl;
    const base = {
      parent: opts.parent,
      policies: [...opts.policies],
      path: opts.path,
      meta: opts.meta ?? null,
      displayName: opts.displayName,
      numUses: type === 'batch' ? 0 : (opts.numUses ?? 0),
      creationTime: Math.floor(now / 1000),
      ttl: effectiveTTL,
      explicitMaxTTL: maxTTL,
      period: opts.period ?? 0,
      type,
      renewable: type === 'batch' ? false : (opts.renewable ?? true) && effectiveTTL > 0,
      expireTime: effectiveTTL > 0 ? now + effectiveTTL * 1000 : 0,
      role: opts.role ?? '',
      entityId: '',
      ...(opts.internalData ? { internalData: opts.internalData } : {}),
      ...(opts.maxTTL && opts.maxTTL > 0 ? { maxTTL: opts.maxTTL } : {}),
      ...(opts.boundCIDRs && opts.boundCIDRs.length > 0 ? { boundCIDRs: [...opts.boundCIDRs] } : {}),
    };
    if (type === 'batch') {
      const sealed = this.barrier.encrypt(
        BATCH_AAD,
        encodeJSON({ ...base, id: '', accessor: '', leaseId: '' }),
      );
      const id = `${BATCH_TOKEN_PREFIX}${Buffer.from(sealed).toString('base64url')}`;
      return { ...base, id, accessor: '', leaseId: '' };
    }
    const id = opts.id ?? newServiceToken();
    const idKey = await this.salt.id(id);
    if ((await this.storage.get(`${KEYS.tokenIdPrefix}${idKey}`)) !== null) {
      throw badRequest('cannot create a token with a duplicate ID');
    }
    const withoutLease: TokenEntry = { ...base, id, accessor: newAccessor(), leaseId: '' };
    const entry: TokenEntry = { ...withoutLease, leaseId: opts.leaseIdFor?.(withoutLease, idKey) ?? '' };
    const accessorKey = await this.salt.id(entry.accessor);
    const parentKey = entry.parent === '' ? '' : await this.salt.id(entry.parent);
    await this.storage.transaction((tx) => {
      tx.put(`${KEYS.tokenIdPrefix}${idKey}`, encodeJSON(entry));
      tx.put(`${KEYS.tokenAccessorPrefix}${accessorKey}`, encodeJSON({ tokenHash: idKey }));
      if (parentKey !== '') tx.put(`${KEYS.tokenParentPrefix}${parentKey}/${idKey}`, new Uint8Array(0));
    });
    return entry;
  }

  /** The live entry for a token, or null if it is unknown, expired or revoked. */
  async lookup(token: string): Promise<TokenEntry | null> {
    if (token === '') return null;
    if (token.startsWith(BATCH_TOKEN_PREFIX)) {
      // token_store.go lookupBatchToken: a batch token dies with its parent.
      const batch = this.decodeBatch(token);
      if (batch === null || batch.parent === '') return batch;
      return (await this.lookup(batch.parent)) === null ? null : batch;
    }
    // `storage` is the barrier's root view (core.ts), so this is the same entry, read through
    // a memo: every request looks its token up, and only a changed entry is decrypted again.
    const entry = await this.barrier.getParsed(
      `${KEYS.tokenIdPrefix}${await this.salt.id(token)}`,
      decodeJSON<TokenEntry>,
      this.entries,
    );
    if (entry === null) return null;
    if (entry.expireTime !== 0 && entry.expireTime <= Date.now()) {
      await this.revokeTree(entry);
      return null;
    }
    return entry;
  }

  async lookupAccessor(accessor: string): Promise<TokenEntry | null> {
    const index = await readJSON<AccessorIndex>(
      this.storage,
      `${KEYS.tokenAccessorPrefix}${await this.salt.id(accessor)}`,
    );
    if (index === null) return null;
    const entry = await readJSON<TokenEntry>(this.storage, `${KEYS.tokenIdPrefix}${index.tokenHash}`);
    if (entry === null) return null;
    return this.lookup(entry.id);
  }

  async listAccessors(): Promise<string[]> {
    const out: string[] = [];
    for (const key of await this.storage.list(KEYS.tokenIdPrefix)) {
      const entry = await readJSON<TokenEntry>(this.storage, `${KEYS.tokenIdPrefix}${key}`);
      if (entry) out.push(entry.accessor);
    }
    return out.sort();
  }

  /**
   * Spends one use of a limited-use token. Returns the entry as it was before the use and
   * whether this was its last use (the caller revokes it once the request is done).
   */
  async use(entry: TokenEntry): Promise<{ lastUse: boolean }> {
    if (entry.type === 'batch' || entry.numUses === 0) return { lastUse: false };
    const key = `${KEYS.tokenIdPrefix}${await this.salt.id(entry.id)}`;
    const lastUse = await this.storage.transaction((tx) => {
      const current = tx.get(key);
      if (current === null) throw new HvrError('HVR_INVALID_TOKEN', 403, 'permission denied');
      const stored = decodeJSON<TokenEntry>(current);
      if (stored.numUses === 1) {
        tx.put(key, encodeJSON({ ...stored, numUses: -1 }));
        return true;
      }
      if (stored.numUses < 0) throw new HvrError('HVR_INVALID_TOKEN', 403, 'permission denied');
      tx.put(key, encodeJSON({ ...stored, numUses: stored.numUses - 1 }));
      return false;
    });
    return { lastUse };
  }

  /** Extends a token's life by `increment` seconds (or its TTL), within its max TTL. */
  async renew(entry: TokenEntry, increment: number, mountMaxTTL: number): Promise<TokenEntry> {
    if (entry.type === 'batch') throw badRequest('batch tokens cannot be renewed');
    if (!entry.renewable) throw badRequest('lease is not renewable');
    const now = Date.now();
    let ttl = entry.period > 0 ? entry.period : increment > 0 ? increment : entry.ttl;
    if (mountMaxTTL > 0 && ttl > mountMaxTTL) ttl = mountMaxTTL;
    let expireTime = now + ttl * 1000;
    for (const limit of [entry.explicitMaxTTL, entry.maxTTL ?? 0]) {
      if (limit > 0) expireTime = Math.min(expireTime, (entry.creationTime + limit) * 1000);
    }
    const renewed: TokenEntry = { ...entry, expireTime };
    await this.storage.put(`${KEYS.tokenIdPrefix}${await this.salt.id(entry.id)}`, encodeJSON(renewed));
    return renewed;
  }

  /** Revokes the token and, recursively, every child it created. */
  async revokeTree(entry: TokenEntry): Promise<void> {
    if (entry.type === 'batch') throw badRequest('batch tokens cannot be revoked');
    const prefix = `${KEYS.tokenParentPrefix}${await this.salt.id(entry.id)}/`;
    for (const childHash of await this.storage.list(prefix)) {
      const child = await readJSON<TokenEntry>(this.storage, `${KEYS.tokenIdPrefix}${childHash}`);
      if (child) await this.revokeTree(child);
    }
    await this.revokeOne(entry);
  }

  /** Revokes only this token; its children become orphans. */
  async revokeOrphan(entry: TokenEntry): Promise<void> {
    if (entry.type === 'batch') throw badRequest('batch tokens cannot be revoked');
    const parentPrefix = `${KEYS.tokenParentPrefix}${await this.salt.id(entry.id)}/`;
    for (const childHash of await this.storage.list(parentPrefix)) {
      const key = `${KEYS.tokenIdPrefix}${childHash}`;
      const child = await readJSON<TokenEntry>(this.storage, key);
      await this.storage.transaction((tx) => {
        if (child) tx.put(key, encodeJSON({ ...child, parent: '' }));
        tx.delete(`${parentPrefix}${childHash}`);
      });
    }
    await this.revokeOne(entry);
  }

  private async revokeOne(entry: TokenEntry): Promise<void> {
    for (const hook of this.onRevokeHooks) await hook(entry);
    const idKey = await this.salt.id(entry.id);
    const accessorKey = await this.salt.id(entry.accessor);
    const parentKey = entry.parent === '' ? '' : await this.salt.id(entry.parent);
    await this.storage.transaction((tx) => {
      tx.delete(`${KEYS.tokenIdPrefix}${idKey}`);
      tx.delete(`${KEYS.tokenAccessorPrefix}${accessorKey}`);
      if (parentKey !== '') tx.delete(`${KEYS.tokenParentPrefix}${parentKey}/${idKey}`);
    });
  }

  private decodeBatch(token: string): TokenEntry | null {
    try {
      const sealed = new Uint8Array(Buffer.from(token.slice(BATCH_TOKEN_PREFIX.length), 'base64url'));
      const entry = decodeJSON<TokenEntry>(this.barrier.decrypt(BATCH_AAD, sealed));
      if (entry.expireTime !== 0 && entry.expireTime <= Date.now()) return null;
      return { ...entry, id: token };
    } catch {
      // A token that does not decrypt under our keyring is simply not one of ours.
      return null;
    }
  }
}
