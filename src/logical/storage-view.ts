import { parseLosslessJSON, stringifyLossless } from '../core/lossless-json.js';

/**
 * What a backend sees of storage: plaintext values under its own prefix. The barrier
 * encrypts on the way down; a view only adds and strips a prefix.
 */
export interface ViewTxn {
  get(key: string): Uint8Array | null;
  put(key: string, value: Uint8Array): void;
  delete(key: string): void;
  list(prefix: string): string[];
}

export interface StorageView {
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  /** One level under prefix, sorted; sub-folders end in `/`. */
  list(prefix: string): Promise<string[]>;
  /** Every key under prefix, any depth, sorted. */
  scan(prefix: string): Promise<string[]>;
  /** All-or-nothing and synchronous, like PhysicalBackend.transaction. */
  transaction<T>(fn: (tx: ViewTxn) => T): Promise<T>;
  /** A view of the keys under `prefix` (which should end in `/`). */
  sub(prefix: string): StorageView;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Integers beyond 2^53 (a KV value, a key parameter) survive a round trip through storage. */
export const encodeJSON = (value: unknown): Uint8Array => encoder.encode(stringifyLossless(value));
export const decodeJSON = <T>(bytes: Uint8Array): T => parseLosslessJSON(decoder.decode(bytes)) as T;

export async function readJSON<T>(view: StorageView, key: string): Promise<T | null> {
  const bytes = await view.get(key);
  return bytes === null ? null : decodeJSON<T>(bytes);
}

export async function writeJSON(view: StorageView, key: string, value: unknown): Promise<void> {
  await view.put(key, encodeJSON(value));
}

/** The shape a view is built on: the barrier (plaintext over ciphertext) or, in tests, a raw backend. */
export interface PlainStore {
  get(key: string): Promise<{ readonly value: Uint8Array } | null>;
  put(entry: { key: string; value: Uint8Array }): Promise<void>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  scan(prefix: string): Promise<string[]>;
  transaction<T>(
    fn: (tx: {
      get(key: string): { readonly value: Uint8Array } | null;
      put(entry: { key: string; value: Uint8Array }): void;
      delete(key: string): void;
      list(prefix: string): string[];
    }) => T,
  ): Promise<T>;
}

export function createView(base: PlainStore, prefix = ''): StorageView {
  const full = (key: string) => `${prefix}${key}`;
  const strip = (key: string) => key.slice(prefix.length);
  return {
    async get(key) {
      return (await base.get(full(key)))?.value ?? null;
    },
    put: (key, value) => base.put({ key: full(key), value }),
    delete: (key) => base.delete(full(key)),
    list: (p) => base.list(full(p)),
    async scan(p) {
      return (await base.scan(full(p))).map(strip);
    },
    transaction: (fn) =>
      base.transaction((tx) =>
        fn({
          get: (key) => tx.get(full(key))?.value ?? null,
          put: (key, value) => tx.put({ key: full(key), value }),
          delete: (key) => tx.delete(full(key)),
          list: (p) => tx.list(full(p)),
        }),
      ),
    sub: (p) => createView(base, full(p)),
  };
}
