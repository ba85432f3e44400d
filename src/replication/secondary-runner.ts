import { EventEmitter } from 'node:events';
import { type HeartbeatReply, type Link, LinkRefusedError } from './link/link.js';
import { diffTrees } from './merkle/merkle-diff.js';
import type { MerkleView } from './merkle/merkle-view.js';
import type { ReplicatedStorage } from './replicated-storage.js';
import type { WalRecord } from './wal-record.js';

export type SecondaryState = 'idle' | 'merkle-diff' | 'merkle-sync' | 'stream-wals';
export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'transient_failure' | 'shutdown';

export interface RunnerOptions {
  /** Diff against the primary before streaming even with a WAL cursor (update-primary). */
  readonly reconcileFirst?: boolean;
  readonly heartbeatMs?: number;
  /** How long one WAL long-poll waits on the primary. */
  readonly pollMs?: number;
  readonly syncChunk?: number;
  /** Called after keys were written by the apply path (the keyring may have rotated). */
  readonly onApplied?: (keys: readonly string[]) => Promise<void>;
  readonly addresses: () => { apiAddr: string; clusterAddr: string };
  readonly log?: (event: string, detail?: Record<string, unknown>) => void;
}

/**
 * A DR secondary's replication loop: reconcile by merkle diff and sync when it is new,
 * behind the primary's WAL buffer or diverged, then stream WAL batches and apply each one
 * atomically; heartbeats in the background carry status both ways.
 */
export class SecondaryRunner {
  state: SecondaryState = 'idle';
  connectionState: ConnectionState = 'idle';
  lastHeartbeat = 0;
  lastHeartbeatDurationMs = 0;
  primaryInfo: HeartbeatReply | null = null;
  lastError = '';
  syncProgress: { synced: number; total: number } | null = null;
  /** A secondary with a WAL cursor resumes streaming from it; a new one reconciles first. */
  private needReconcile: boolean;
  /** After a sync, records up to this index replay over newer values: their guards cannot match. */
  private skipGuardUntil = 0;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** Emits `progress` when the state becomes stream-wals and after each applied batch or sync. */
  private readonly progress = new EventEmitter();

  constructor(
    private readonly link: Link,
    private readonly storage: ReplicatedStorage,
    private readonly opts: RunnerOptions,
  ) {
    this.needReconcile = opts.reconcileFirst === true || storage.lastRemoteWal === 0;
  }

  /** How many times this runner fell back to merkle diff and sync. */
  reconciliations = 0;

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.opts.heartbeatMs ?? 2_000);
    this.heartbeatTimer.unref();
    void this.heartbeat();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.connectionState = 'shutdown';
    this.progress.emit('progress');
    await this.loop;
    await this.link.close();
  }

  /**
   * Whether what this secondary holds is a consistent prefix of its primary's history:
   * not new, not in a merkle diff or sync (a dead primary does not make it inconsistent).
   */
  get consistent(): boolean {
    return !this.needReconcile && this.state !== 'merkle-diff' && this.state !== 'merkle-sync';
  }

  /**
   * Resolves true once this runner streams and has applied up to `wal`; false at the
   * deadline or when it stops. Woken by the apply path, not by polling.
   */
  streamedTo(wal: number, timeoutMs: number): Promise<boolean> {
    const reached = () => this.state === 'stream-wals' && this.storage.lastRemoteWal >= wal;
    if (reached()) return Promise.resolve(true);
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const check = () => {
        if (reached()) done(true);
        else if (this.stopped) done(false);
      };
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.progress.off('progress', check);
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.progress.on('progress', check);
    });
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopped) {
      try {
        this.connectionState = this.connectionState === 'ready' ? 'ready' : 'connecting';
        if (this.needReconcile) await this.reconcile();
        await this.streamOnce();
        backoff = 100;
      } catch (error) {
        if (this.stopped) break;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.connectionState = 'transient_failure';
        this.state = 'idle';
        this.opts.log?.('link-error', { error: this.lastError });
        if (error instanceof LinkRefusedError) backoff = 5_000;
        await sleep(backoff, this.abort.signal);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private async reconcile(): Promise<void> {
    this.reconciliations++;
    this.state = 'merkle-diff';
    // Unknown (0) only makes the sync's cursor conservative: the next stream reconciles again.
    const before = await this.link.lastWal(this.abort.signal).catch((error: unknown) => {
      this.opts.log?.('last-wal-error', { error: error instanceof Error ? error.message : String(error) });
      return 0;
    });
    const remote: MerkleView = {
      root: () => this.link.merkleRoot(),
      pageHashes: () => this.link.pageHashes(),
      bucketHashes: (page) => this.link.bucketHashes(page),
      bucketEntries: (page, bucket) => this.link.bucketEntries(page, bucket),
      bucketHashesMany: (pages) => this.link.bucketHashesMany(pages),
      bucketEntriesMany: (slots) => this.link.bucketEntriesMany(slots),
    };
    const diff = await diffTrees(this.storage.merkle, remote);
    this.connectionState = 'ready';
    this.state = 'merkle-sync';
    const keys = [...diff.fetch, ...diff.remove];
    this.syncProgress = { synced: 0, total: keys.length };
    const chunk = this.opts.syncChunk ?? 1024;
    for (let i = 0; i < keys.length || i === 0; i += chunk) {
      const slice = keys.slice(i, i + chunk);
      const entries = slice.length > 0 ? await this.link.fetch(slice) : [];
      const isLast = i + chunk >= keys.length;
      await this.storage.applySync(entries, isLast ? before : undefined);
      this.syncProgress = { synced: Math.min(keys.length, i + chunk), total: keys.length };
      if (entries.length > 0) await this.opts.onApplied?.(entries.map((e) => e.key));
      if (this.stopped) return;
    }
    this.skipGuardUntil = await this.link.lastWal(this.abort.signal);
    this.syncProgress = null;
    this.needReconcile = false;
    this.progress.emit('progress');
    this.opts.log?.('merkle-sync', {
      fetched: diff.fetch.length,
      removed: diff.remove.length,
      stats: diff.stats,
    });
  }

  private async streamOnce(): Promise<void> {
    this.state = 'stream-wals';
    this.progress.emit('progress');
    const fetched = await this.link.wals(
      this.storage.lastRemoteWal,
      this.opts.pollMs ?? 10_000,
      this.abort.signal,
    );
    this.connectionState = 'ready';
    if (fetched.kind === 'behind-buffer') {
      this.needReconcile = true;
      return;
    }
    if (fetched.records.length === 0) return;
    const outcome = await this.apply(fetched.records);
    if (outcome === 'guard-mismatch') {
      this.opts.log?.('guard-mismatch', { at: fetched.records[0]?.index });
      this.needReconcile = true;
    }
  }

  private async apply(records: readonly WalRecord[]): Promise<string> {
    const first = records[0];
    const checkGuard = first !== undefined && first.index > this.skipGuardUntil;
    const outcome = await this.storage.applyWals(records, { checkGuard });
    if (outcome === 'applied') {
      await this.opts.onApplied?.(records.map((r) => r.key));
      this.progress.emit('progress');
    }
    return outcome;
  }

  private async heartbeat(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      const { apiAddr, clusterAddr } = this.opts.addresses();
      this.primaryInfo = await this.link.heartbeat({
        lastRemoteWal: this.storage.lastRemoteWal,
        apiAddr,
        clusterAddr,
        time: started,
        mode: 'secondary',
      });
      this.lastHeartbeat = Date.now();
      this.lastHeartbeatDurationMs = this.lastHeartbeat - started;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
