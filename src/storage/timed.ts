import type { Entry, PhysicalBackend, TxnOps } from './physical.js';

export type StorageOp = 'get' | 'put' | 'delete' | 'list' | 'transaction';

/** Told how long each storage call took; for a transaction, also the keys it wrote. */
export type StorageObserver = (op: StorageOp, ms: number, written?: readonly string[]) => void;

/**
 * A PhysicalBackend that times every call, as Vault's physical metrics wrapper does
 * (`vault.<backend>.get`, `.put`, ...). It changes nothing else.
 */
export function timedBackend(inner: PhysicalBackend, observe: StorageObserver): PhysicalBackend {
  const time = async <T>(op: StorageOp, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      observe(op, performance.now() - started);
    }
  };
  return {
    kind: inner.kind,
    get: (key: string) => time('get', () => inner.get(key)),
    put: (entry: Entry) => time('put', () => inner.put(entry)),
    delete: (key: string) => time('delete', () => inner.delete(key)),
    list: (prefix: string) => time('list', () => inner.list(prefix)),
    scan: (prefix: string) => inner.scan(prefix),
    async transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
      const written: string[] = [];
      const started = performance.now();
      try {
        return await inner.transaction((tx) =>
          fn({
            get: (key) => tx.get(key),
            put: (entry) => {
              written.push(entry.key);
              tx.put(entry);
            },
            delete: (key) => tx.delete(key),
            list: (prefix) => tx.list(prefix),
          }),
        );
      } finally {
        observe('transaction', performance.now() - started, written);
      }
    },
    close: () => inner.close(),
  };
}
