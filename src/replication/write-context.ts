import { AsyncLocalStorage } from 'node:async_hooks';

/** What a request's writes did at the storage layer: enough to wait for their acks, or undo them. */
export interface WriteRecord {
  /** Highest WAL index this request appended. */
  maxWal: number;
  /** Stored bytes before and after each replicated write, in order (for a zero-RPO rollback). */
  readonly changes: {
    readonly key: string;
    readonly before: Uint8Array | null;
    readonly after: Uint8Array | null;
  }[];
}

/** Set by the core around a request when zero-RPO mode is on; the replicated storage fills it. */
export const writeContext = new AsyncLocalStorage<WriteRecord>();
