import { randomBytes } from 'node:crypto';
import { msToRfc3339Nano } from '../gocompat/time.js';
import { internalError, sealed } from '../logical/errors.js';
import type { PlainStore } from '../logical/storage-view.js';
import type { Entry, PhysicalBackend, TxnOps } from '../storage/physical.js';
import { DecryptError, open, seal } from './aead.js';
import { ParsedEntryMemo } from './parsed-entry-memo.js';
import { KEYS } from './storage-keys.js';

/**
 * The security barrier: every entry above it is AES-256-GCM encrypted under the active
 * keyring term. Stored layout: version(1) | term(4, big endian) | nonce | ciphertext | tag.
 * The seal configuration stays plaintext; the root key is sealed by the unseal key and
 * the keyring by the root key.
 */
const FORMAT_VERSION = 1;
const HEADER_BYTES = 5;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface KeyringTerm {
  readonly term: number;
  readonly key: string; // base64
  readonly installTime: string;
}

export interface Keyring {
  readonly activeTerm: number;
  readonly terms: readonly KeyringTerm[];
  readonly rootKey: string; // base64
}

/** Keys the barrier passes through untouched (they carry their own protection). */
const PASSTHROUGH = new Set<string>([KEYS.sealConfig, KEYS.rootKey, KEYS.keyring]);

export class Barrier implements PlainStore {
  private keyring: Keyring | null = null;
  private keys = new Map<number, Buffer>();
  /** Bumped whenever the keyring changes or goes: a memo filled under another keyring is void. */
  private keyringEpoch = 0;
  private readonly memos = new Set<ParsedEntryMemo<unknown>>();

  constructor(readonly physical: PhysicalBackend) {}

  get isSealed(): boolean {
    return this.keyring === null;
  }

  /** Creates the root key and first keyring term and stores them sealed by `unsealKey`. */
  async initialize(unsealKey: Uint8Array): Promise<void> {
    const rootKey = randomBytes(32);
    const keyring: Keyring = {
      activeTerm: 1,
      terms: [{ term: 1, key: randomBytes(32).toString('base64'), installTime: msToRfc3339Nano(Date.now()) }],
      rootKey: rootKey.toString('base64'),
    };
    await this.physical.transaction((tx) => {
      tx.put({ key: KEYS.rootKey, value: seal(unsealKey, rootKey, KEYS.rootKey) });
      tx.put({ key: KEYS.keyring, value: seal(rootKey, encodeKeyring(keyring), KEYS.keyring) });
    });
  }

  /** Opens the barrier; throws DecryptError when the unseal key is wrong. */
  async unseal(unsealKey: Uint8Array): Promise<void> {
    const sealedRoot = await this.physical.get(KEYS.rootKey);
    const sealedKeyring = await this.physical.get(KEYS.keyring);
    if (!sealedRoot || !sealedKeyring) throw internalError('barrier keys are missing from storage');
    const rootKey = open(unsealKey, sealedRoot.value, KEYS.rootKey);
    const keyring = decodeKeyring(open(rootKey, sealedKeyring.value, KEYS.keyring));
    this.install(keyring);
  }

  /** Checks an unseal key without opening the barrier. */
  async verifyUnsealKey(unsealKey: Uint8Array): Promise<boolean> {
    const sealedRoot = await this.physical.get(KEYS.rootKey);
    if (!sealedRoot) return false;
    try {
      open(unsealKey, sealedRoot.value, KEYS.rootKey);
      return true;
    } catch (error) {
      if (error instanceof DecryptError) return false;
      throw error;
    }
  }

  /** The root key sealed by another unseal key (what a rekey stores in place of the old one). */
  wrapRootKey(unsealKey: Uint8Array): Uint8Array {
    const keyring = this.requireKeyring();
    return seal(unsealKey, Buffer.from(keyring.rootKey, 'base64'), KEYS.rootKey);
  }

  seal(): void {
    this.keyring = null;
    this.keys.clear();
    this.keyringEpoch++;
    // Nothing decrypted outlives the seal.
    for (const memo of this.memos) memo.clear();
  }

  /** sys/rotate: adds a term; new writes use it, old entries stay readable. */
  async rotate(): Promise<KeyringTerm> {
    const current = this.requireKeyring();
    const next: KeyringTerm = {
      term: current.activeTerm + 1,
      key: randomBytes(32).toString('base64'),
      installTime: msToRfc3339Nano(Date.now()),
    };
    const keyring: Keyring = { ...current, activeTerm: next.term, terms: [...current.terms, next] };
    const rootKey = Buffer.from(keyring.rootKey, 'base64');
    await this.physical.put({
      key: KEYS.keyring,
      value: seal(rootKey, encodeKeyring(keyring), KEYS.keyring),
    });
    this.install(keyring);
    return next;
  }

  /** The plaintext keyring, for a primary to hand to a secondary over the mTLS link. */
  exportKeyring(): Keyring {
    return this.requireKeyring();
  }

  /** Takes another cluster's keyring (a DR secondary at activation): from then on it reads the primary's entries. */
  installKeyring(keyring: Keyring): void {
    this.install(keyring);
  }

  /** Re-reads `core/keyring` after a replicated rotation arrived, with the root key already held. */
  async reloadKeyring(): Promise<void> {
    const current = this.requireKeyring();
    const sealedKeyring = await this.physical.get(KEYS.keyring);
    if (!sealedKeyring) return;
    this.install(
      decodeKeyring(open(Buffer.from(current.rootKey, 'base64'), sealedKeyring.value, KEYS.keyring)),
    );
  }

  keyStatus(): { term: number; installTime: string } {
    const keyring = this.requireKeyring();
    const active = keyring.terms.find((t) => t.term === keyring.activeTerm);
    return { term: keyring.activeTerm, installTime: active?.installTime ?? '' };
  }

  async get(key: string): Promise<Entry | null> {
    // Sealed means sealed even for a key that is absent (Vault's ErrBarrierSealed on Get).
    if (!PASSTHROUGH.has(key)) this.requireKeyring();
    const entry = await this.physical.get(key);
    return entry === null ? null : { key, value: this.decrypt(key, entry.value) };
  }

  /** A memo for getParsed, emptied when the barrier seals. */
  parsedEntryMemo<T>(limit: number): ParsedEntryMemo<T> {
    const memo = new ParsedEntryMemo<T>(limit);
    this.memos.add(memo as ParsedEntryMemo<unknown>);
    return memo;
  }

  /**
   * get, then `parse` the plaintext; when the stored bytes are the ones `memo` parsed before
   * (same keyring), its value is returned without decrypting or parsing again.
   */
  async getParsed<T>(
    key: string,
    parse: (plain: Uint8Array) => T,
    memo: ParsedEntryMemo<T>,
  ): Promise<T | null> {
    this.requireKeyring();
    const entry = await this.physical.get(key);
    if (entry === null) {
      memo.forget(key);
      return null;
    }
    const held = memo.hit(key, entry.value, this.keyringEpoch);
    if (held !== undefined) return held;
    const value = parse(this.decrypt(key, entry.value));
    memo.remember(key, entry.value, this.keyringEpoch, value);
    return value;
  }

  async put(entry: Entry): Promise<void> {
    await this.physical.put({ key: entry.key, value: this.encrypt(entry.key, entry.value) });
  }

  async delete(key: string): Promise<void> {
    this.requireKeyring();
    await this.physical.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    this.requireKeyring();
    return this.physical.list(prefix);
  }

  async scan(prefix: string): Promise<string[]> {
    this.requireKeyring();
    return this.physical.scan(prefix);
  }

  async transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    this.requireKeyring();
    return this.physical.transaction((tx) =>
      fn({
        get: (key) => {
          const entry = tx.get(key);
          return entry === null ? null : { key, value: this.decrypt(key, entry.value) };
        },
        put: (entry) => tx.put({ key: entry.key, value: this.encrypt(entry.key, entry.value) }),
        delete: (key) => tx.delete(key),
        list: (prefix) => tx.list(prefix),
      }),
    );
  }

  /** Encrypts for storage; exposed so replication can ship stored bytes unchanged. */
  encrypt(key: string, plaintext: Uint8Array): Uint8Array {
    if (PASSTHROUGH.has(key)) return plaintext;
    const keyring = this.requireKeyring();
    const termKey = this.keys.get(keyring.activeTerm);
    if (!termKey) throw internalError('active keyring term is missing');
    const body = seal(termKey, plaintext, key);
    const out = new Uint8Array(HEADER_BYTES + body.length);
    out[0] = FORMAT_VERSION;
    new DataView(out.buffer).setUint32(1, keyring.activeTerm);
    out.set(body, HEADER_BYTES);
    return out;
  }

  decrypt(key: string, stored: Uint8Array): Uint8Array {
    if (PASSTHROUGH.has(key)) return stored;
    this.requireKeyring();
    if (stored.length < HEADER_BYTES || stored[0] !== FORMAT_VERSION) {
      throw internalError(`storage entry ${key} has an unknown format`);
    }
    const term = new DataView(stored.buffer, stored.byteOffset, stored.byteLength).getUint32(1);
    const termKey = this.keys.get(term);
    if (!termKey) throw internalError(`storage entry ${key} uses unknown keyring term ${term}`);
    try {
      return open(termKey, stored.subarray(HEADER_BYTES), key);
    } catch (error) {
      throw internalError(`storage entry ${key} failed to decrypt`, error);
    }
  }

  private install(keyring: Keyring): void {
    this.keyringEpoch++;
    this.keyring = keyring;
    this.keys = new Map(keyring.terms.map((t) => [t.term, Buffer.from(t.key, 'base64')]));
  }

  private requireKeyring(): Keyring {
    if (this.keyring === null) throw sealed();
    return this.keyring;
  }
}

const encodeKeyring = (keyring: Keyring) => encoder.encode(JSON.stringify(keyring));
const decodeKeyring = (bytes: Uint8Array) => JSON.parse(decoder.decode(bytes)) as Keyring;
