import type { Entry, PhysicalBackend, TxnOps } from '../../src/storage/physical.js';

/** The error a FaultyBackend throws at an armed fault point. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

export type FaultPoint = (op: 'put' | 'delete', key: string) => boolean;

/**
 * A real backend (SQLite in these tests) with one fault point: once armed, the first write
 * whose (op, key) the predicate accepts throws InjectedFault instead of being made, inside
 * or outside a transaction, and the point disarms (unless sticky). Throwing there is what a crash between
 * two storage steps looks like to everything above: whatever had committed stays, the rest
 * does not.
 */
export class FaultyBackend implements PhysicalBackend {
  readonly kind: PhysicalBackend['kind'];
  private armed: FaultPoint | undefined;
  private sticky = false;
  /** How many faults fired so far. */
  fired = 0;

  constructor(readonly inner: PhysicalBackend) {
    this.kind = inner.kind;
  }

  /** `sticky` keeps the point armed after it fires, until disarm(). */
  arm(point: FaultPoint, opts: { sticky?: boolean } = {}): void {
    this.armed = point;
    this.sticky = opts.sticky === true;
  }

  disarm(): void {
    this.armed = undefined;
  }

  private check(op: 'put' | 'delete', key: string): void {
    if (this.armed?.(op, key)) {
      if (!this.sticky) this.armed = undefined;
      this.fired++;
      throw new InjectedFault(`injected fault at ${op} ${key}`);
    }
  }

  get(key: string): Promise<Entry | null> {
    return this.inner.get(key);
  }

  async put(entry: Entry): Promise<void> {
    this.check('put', entry.key);
    await this.inner.put(entry);
  }

  async delete(key: string): Promise<void> {
    this.check('delete', key);
    await this.inner.delete(key);
  }

  list(prefix: string): Promise<string[]> {
    return this.inner.list(prefix);
  }

  scan(prefix: string): Promise<string[]> {
    return this.inner.scan(prefix);
  }

  transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    return this.inner.transaction((tx) =>
      fn({
        get: (key) => tx.get(key),
        list: (prefix) => tx.list(prefix),
        put: (entry) => {
          this.check('put', entry.key);
          tx.put(entry);
        },
        delete: (key) => {
          this.check('delete', key);
          tx.delete(key);
        },
      }),
    );
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
