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
    /** What the mode ships: a key outside it never leaves this cluster. */
    private readonly ships: (key: string) => boolean = (key) => storage.ships(key),
  ) {}

  /**
   * The secondary a client certificate (its SHA-256) was issued to; refuses unknown and
   * revoked ones. Only the certificate bound at issue counts: another certificate with the
   * same name, even from the same CA, is unknown.
   */
  authorize(fingerprint: string): KnownSecondary {
    const state = this.state();
    if (!state) throw new LinkRefusedError('this cluster is not a DR primary');
    const secondary =
      fingerprint === '' ? undefined : state.secondaries.find((s) => s.fingerprint === fingerprint);
    if (!secondary)
      throw new LinkRefusedError(
        'unknown secondary: its certificate is not one this primary issued to a secondary',
      );
    if (secondary.revoked) throw new LinkRefusedError(`secondary "${secondary.id}" has been revoked`);
    return secondary;
  }

  /** Open long polls by secondary id, so a revocation ends them at once. */
  private readonly polls = new Map<string, Set<AbortController>>();

  /** Ends the open long polls of a (just revoked) secondary; they answer with its refusal. */
  cut(secondaryId: string): void {
    for (const poll of this.polls.get(secondaryId) ?? []) poll.abort();
  }

  /**
   * A secondary asking for the records after `after` has applied everything up to `after`:
   * the long-poll cursor is its acknowledgement (zero-RPO mode waits on it). The caller is
   * authorised before and again after the wait: a revocation during it hands nothing over.
   */
  async wals(after: number, waitMs: number, signal?: AbortSignal, fingerprint?: string): Promise<WalFetch> {
    const secondaryId = fingerprint === undefined ? undefined : this.authorize(fingerprint).id;
    if (secondaryId !== undefined) this.acknowledge(secondaryId, after);
    await this.storage.refresh();
    if (waitMs > 0 && this.storage.lastWal <= after) {
      const poll = new AbortController();
      const stop = () => poll.abort();
      if (signal?.aborted) poll.abort();
      else signal?.addEventListener('abort', stop, { once: true });
      const key = secondaryId ?? '';
      const open = this.polls.get(key) ?? new Set();
      this.polls.set(key, open.add(poll));
      try {
        await this.storage.waitForWal(after, waitMs, poll.signal);
      } finally {
        signal?.removeEventListener('abort', stop);
        open.delete(poll);
        if (open.size === 0) this.polls.delete(key);
      }
    }
    const fetched = await this.storage.walsAfter(after);
    if (fingerprint !== undefined) this.authorize(fingerprint);
    return fetched;
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

  /** The last WAL index, read fresh (another process on the cluster may have written). */
  async lastWal(): Promise<number> {
    await this.storage.refresh();
    return this.storage.lastWal;
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

  async bucketEntries(page: number, bucket: number): Promise<readonly BucketEntry[]> {
    return this.shippable(await this.storage.merkle.bucketEntries(page, bucket));
  }

  bucketHashesMany(pages: readonly number[]): readonly (readonly string[])[] {
    return pages.map((page) => this.storage.merkle.bucketHashes(page));
  }

  bucketEntriesMany(
    slots: readonly (readonly [number, number])[],
  ): Promise<readonly (readonly BucketEntry[])[]> {
    return Promise.all(slots.map(([page, bucket]) => this.bucketEntries(page, bucket)));
  }

  /** Merkle-sync's fetch: replicated and local entries only; a node-class key is refused outright. */
  fetch(keys: readonly string[]): Promise<readonly StoredEntry[]> {
    const refused = keys.find((key) => !this.ships(key));
    if (refused !== undefined)
      throw new LinkRefusedError(
        `"${refused}" is a node-class entry: it never leaves this cluster, and no secondary may fetch it`,
      );
    return this.storage.readStored(keys);
  }

  private shippable(entries: readonly BucketEntry[]): readonly BucketEntry[] {
    return entries.every((e) => this.ships(e.key)) ? entries : entries.filter((e) => this.ships(e.key));
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
