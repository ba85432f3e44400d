import type { Barrier } from '../core/barrier.js';
import { KEYS } from '../core/storage-keys.js';
import { type HeartbeatReply, type HeartbeatRequest, type KeyMaterial, LinkRefusedError, type StoredEntry } from './link/link.js';
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
    if (!secondary) throw new LinkRefusedError('unknown secondary: its certificate was not issued by this primary');
    if (secondary.revoked) throw new LinkRefusedError(`secondary "${secondary.id}" has been revoked`);
    return secondary;
  }

  async wals(after: number, waitMs: number, signal?: AbortSignal): Promise<WalFetch> {
    await this.storage.refresh();
    if (waitMs > 0 && this.storage.lastWal <= after) await this.storage.waitForWal(after, waitMs, signal);
    return this.storage.walsAfter(after);
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

  fetch(keys: readonly string[]): Promise<readonly StoredEntry[]> {
    return this.storage.readStored(keys);
  }

  async keyMaterial(): Promise<KeyMaterial> {
    const [rootKey, sealConfig] = await Promise.all([this.storage.get(KEYS.rootKey), this.storage.get(KEYS.sealConfig)]);
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
