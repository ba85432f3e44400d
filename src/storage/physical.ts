/**
 * The physical storage interface. Backends are untrusted: everything above the barrier
 * reaches them encrypted, except the seal configuration and the sealed keyring.
 */
export interface Entry {
  readonly key: string;
  readonly value: Uint8Array;
}

/** Synchronous operations available inside a transaction. */
export interface TxnOps {
  get(key: string): Entry | null;
  put(entry: Entry): void;
  delete(key: string): void;
  /** One level under prefix, sorted; sub-folders end in `/` (Vault's List). */
  list(prefix: string): string[];
}

export interface PhysicalBackend {
  readonly kind: 'sqlite' | 'memory';
  get(key: string): Promise<Entry | null>;
  put(entry: Entry): Promise<void>;
  delete(key: string): Promise<void>;
  /** One level under prefix, sorted; sub-folders end in `/` (Vault's List). */
  list(prefix: string): Promise<string[]>;
  /** Every key under prefix, at any depth, in byte order. */
  scan(prefix: string): Promise<string[]>;
  /**
   * All-or-nothing. `fn` is synchronous on purpose: a better-sqlite3 transaction cannot
   * span an await. If `fn` throws, nothing it did is kept and the error is rethrown.
   */
  transaction<T>(fn: (tx: TxnOps) => T): Promise<T>;
  close(): Promise<void>;
}
