import { compareBytes, listLevel } from './list-level.js';
import type { Entry, PhysicalBackend, TxnOps } from './physical.js';

/** In-memory storage for dev servers and tests. Transactions stage writes and apply them at the end. */
export class MemoryBackend implements PhysicalBackend {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Uint8Array>();
  private closed = false;

  async get(key: string): Promise<Entry | null> {
    this.assertOpen();
    const value = this.entries.get(key);
    return value === undefined ? null : { key, value: value.slice() };
  }

  async put(entry: Entry): Promise<void> {
    this.assertOpen();
    this.entries.set(entry.key, entry.value.slice());
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    this.entries.delete(key);
  }

  async list(prefix: string): Promise<string[]> {
    this.assertOpen();
    return listLevel(this.sortedKeys(prefix), prefix);
  }

  async scan(prefix: string): Promise<string[]> {
    this.assertOpen();
    return this.sortedKeys(prefix);
  }

  async transaction<T>(fn: (tx: TxnOps) => T): Promise<T> {
    this.assertOpen();
    const staged = new Map<string, Uint8Array | null>();
    const read = (key: string): Uint8Array | undefined => {
      const s = staged.get(key);
      if (s === null) return undefined;
      return s ?? this.entries.get(key);
    };
    const tx: TxnOps = {
      get: (key) => {
        const value = read(key);
        return value === undefined ? null : { key, value: value.slice() };
      },
      put: (entry) => {
        staged.set(entry.key, entry.value.slice());
      },
      delete: (key) => {
        staged.set(key, null);
      },
      list: (prefix) => {
        const keys = new Set(this.sortedKeys(prefix));
        for (const [key, value] of staged) {
          if (!key.startsWith(prefix)) continue;
          if (value === null) keys.delete(key);
          else keys.add(key);
        }
        return listLevel([...keys].sort(compareBytes), prefix);
      },
    };
    const result = fn(tx);
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      throw new TypeError('transaction callbacks must be synchronous; nothing was written');
    }
    for (const [key, value] of staged) {
      if (value === null) this.entries.delete(key);
      else this.entries.set(key, value);
    }
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private sortedKeys(prefix: string): string[] {
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix)).sort(compareBytes);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('storage backend is closed');
  }
}
