import type { Barrier } from '../core/barrier.js';
import { KEYS } from '../core/storage-keys.js';
import {
  type HeartbeatReply,
  type HeartbeatRequest,
  type KeyMaterial,
  LinkRefusedError,
  type StoredEntry,
} from './link/link.js';
import type { BucketEntry } from './merkle/merkle-view.js';
import type { ReplicatedStorage } from './replicated-storage.js';
import type { DrPrimaryState, KnownSecondary } from './replication-state.js';
import type { WalFetch } from './wal-record.js';

/** What the primary tracks of each connected secondary, for `secondaries[]` in its status. */
export interface SecondaryContact {
  readonly apiAddr: string;
  readonly clusterAddr: string;
  readonly lastHeartbeat: number;
  readonly clockSkewMs: number;
  readonly lastRemoteWal: number;
}

/** The primary's side of every link, identity already checked by the caller (cluster listener or in-process link). */
export class PrimaryService {
  readonly contacts = new Map<string, SecondaryContact>();
  /** The highest WAL index each secondary has applied, by its own word (its cursor). */
  private readonly acks = new Map<string, number>();
  private readonly ackWaiters = new Set<() => void>();
  /** Secondaries of this primary that now say they are primaries of the same set (two-primary guard). */
  readonly rivals = new Map<string, { readonly clusterAddr: string; readonly since: number }>();
  /** Persists contacts so another process on the same cluster (the embedded CLI) can show them. */
  onContact: ((contacts: ReadonlyMap<string, SecondaryContact>) => void) | undefined;

  constructor(
    private readonly storage: ReplicatedStorage,
    private readonly barrier: Barrier,
    private readonly state: () => DrPrimaryState | null,
    private readonly addresses: () => { apiAddr: string; clusterAddr: string },
  ) {}

  /** The secondary a client certificate belongs to; refuses unknown and revoked ones. */
  authorize(certName: string): KnownSecondary {
    const state = this.state();
    if (!state) throw new LinkRefusedError('this cluster is not a DR primary');
    const secondary = state.secondaries.find((s) => s.certName === certName);
    if (!secondary)
      throw new LinkRefusedError('unknown secondary: its certificate was not issued by this primary');
    if (secondary.revoked) throw new LinkRefusedError(`secondary "${secondary.id}" has been revoked`);
    return secondary;
  }

  /**
   * A secondary asking for the records after `after` has applied everything up to `after`:
   * the long-poll cursor is its acknowledgement (zero-RPO mode waits on it).
   */
  async wals(after: number, waitMs: number, signal?: AbortSignal, secondaryId?: string): Promise<WalFetch> {
    if (secondaryId !== undefined) this.acknowledge(secondaryId, after);
    await this.storage.refresh();
    if (waitMs > 0 && this.storage.lastWal <= after) await this.storage.waitForWal(after, waitMs, signal);
    return this.storage.walsAfter(after);
  }

  /** The highest WAL index `secondaryId` has applied, as its last cursor said (metrics). */
  appliedBy(secondaryId: string): number | undefined {
    return this.acks.get(secondaryId);
  }

  private acknowledge(secondaryId: string, applied: number): void {
    // A cursor beyond the last WAL is a probe for last_wal (reconcile, catch-up), not an ack.
    if (applied > this.storage.lastWal) return;
    if ((this.acks.get(secondaryId) ?? -1) >= applied) return;
    this.acks.set(secondaryId, applied);
    for (const waiter of [...this.ackWaiters]) waiter();
  }

  /** Resolves true once `count` secondaries have applied `index`, false after `timeoutMs`. */
  awaitAcks(index: number, count: number, timeoutMs: number): Promise<boolean> {
    const enough = () =>
      [...this.acks.entries()].filter(([id, applied]) => applied >= index && this.isActive(id)).length >=
      count;
    if (enough()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (enough()) done(true);
      };
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.ackWaiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.ackWaiters.add(check);
    });
  }

  private isActive(secondaryId: string): boolean {
    return this.state()?.secondaries.some((s) => s.id === secondaryId && !s.revoked) ?? false;
  }

  async merkleRoot(): Promise<string> {
    await this.storage.refresh();
    return this.storage.merkleRoot();
  }

  pageHashes(): readonly string[] {
    return this.storage.merkle.pageHashes();
  }

  bucketHashes(page: number): readonly string[] {
    return this.storage.merkle.bucketHashes(page);
  }

  bucketEntries(page: number, bucket: number): Promise<readonly BucketEntry[]> {
    return this.storage.merkle.bucketEntries(page, bucket);
  }

  bucketHashesMany(pages: readonly number[]): readonly (readonly string[])[] {
    return pages.map((page) => this.storage.merkle.bucketHashes(page));
  }

  bucketEntriesMany(
    slots: readonly (readonly [number, number])[],
  ): Promise<readonly (readonly BucketEntry[])[]> {
    return Promise.all(slots.map(([page, bucket]) => this.storage.merkle.bucketEntries(page, bucket)));
  }

  fetch(keys: readonly string[]): Promise<readonly StoredEntry[]> {
    return this.storage.readStored(keys);
  }

  async keyMaterial(): Promise<KeyMaterial> {
    const [rootKey, sealConfig] = await Promise.all([
      this.storage.get(KEYS.rootKey),
      this.storage.get(KEYS.sealConfig),
    ]);
    if (!rootKey || !sealConfig) throw new Error('the primary has no seal keys in storage');
    return {
      keyring: this.barrier.exportKeyring(),
      sealedRootKey: Buffer.from(rootKey.value).toString('base64'),
      sealConfig: Buffer.from(sealConfig.value).toString('base64'),
    };
  }

  heartbeat(secondaryId: string, req: HeartbeatRequest): HeartbeatReply {
    const now = Date.now();
    if (req.mode === 'primary') {
      const seen = this.rivals.get(secondaryId);
      this.rivals.set(secondaryId, { clusterAddr: req.clusterAddr, since: seen?.since ?? now });
    }
    this.contacts.set(secondaryId, {
      apiAddr: req.apiAddr,
      clusterAddr: req.clusterAddr,
      lastHeartbeat: now,
      clockSkewMs: req.time - now,
      lastRemoteWal: req.lastRemoteWal,
    });
    this.onContact?.(this.contacts);
    const { apiAddr, clusterAddr } = this.addresses();
    return {
      mode: 'primary',
      lastWal: this.storage.lastWal,
      merkleRoot: this.storage.merkleRoot(),
      apiAddr,
      clusterAddr,
      clusterId: this.state()?.clusterId ?? '',
      time: now,
    };
  }
}
