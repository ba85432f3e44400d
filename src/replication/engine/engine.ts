import { badRequest } from '../../core/errors.js';
import { certPem, keyPem } from '../activation/replication-ca.js';
import type { Link } from '../link/link.js';
import { type ReplicationMetrics, replicationMetrics } from '../metrics-snapshot.js';
import type { OperationTokens } from '../operation-tokens.js';
import { registerInProcessPrimary } from '../peers.js';
import { PrimaryService, type SecondaryContact } from '../primary-service.js';
import type { DrPrimaryState, DrSecondaryState, DrState } from '../replication-state.js';
import { SecondaryRunner } from '../secondary-runner.js';
import { drStatus } from '../status.js';
import type { ActivationRequest } from './activation.js';
import * as activation from './activation.js';
import type { EngineContext } from './context.js';
import type { UpdatePrimaryRequest, ZeroRpo } from './failover.js';
import * as failover from './failover.js';
import type { ReplicationHost } from './host.js';
import { linkFor } from './link-factory.js';
import type { ReplicationMode } from './mode.js';
import { PeerGuard, type RivalPrimary } from './peer-guard.js';
import type { SecondaryTokenFact } from './primary-ops.js';
import * as primaryOps from './primary-ops.js';
import { RoleStore } from './role-store.js';

export interface ClusterListenerHooks {
  start(
    tls: { caPem: string; certPem: string; keyPem: string },
    service: () => PrimaryService | null,
  ): Promise<void>;
  stop(): Promise<void>;
}

/** How a core gets its replication engine: the server and the embedded node choose the mode. */
export type ReplicationFactory<H> = (host: H) => ReplicationEngine;

/**
 * One node's replication, whatever the mode: its persisted role, the primary's service to
 * secondaries, or the secondary's runner. The mode is a policy object; the answers are
 * facts, which the sys/replication handlers turn into Vault's responses.
 */
export class ReplicationEngine implements EngineContext {
  readonly roles: RoleStore;
  service: PrimaryService | null = null;
  runner: SecondaryRunner | null = null;
  private link: Link | null = null;
  private listenerHooks: ClusterListenerHooks | null = null;
  private lastStart = 0;
  private readonly guard: PeerGuard;
  /** Called after this cluster took its primary's seal keys; the embedded client keeps its unseal key in step. */
  onSealKeysReplaced: ((primaryApiAddr: string) => Promise<void>) | undefined;
  /** Zero-RPO mode from the server's config file: applied whenever this node is (or becomes) a primary. */
  configuredZeroRpo: ZeroRpo | undefined;

  constructor(
    readonly host: ReplicationHost,
    readonly policy: ReplicationMode,
  ) {
    this.roles = new RoleStore(host, policy);
    this.guard = new PeerGuard(host);
  }

  /** This node's role in the mode. */
  get mode(): DrState['mode'] {
    return this.roles.state.mode;
  }

  get isSecondary(): boolean {
    return this.roles.state.mode === 'secondary';
  }

  /** A secondary of a mode that serves no clients answers only the paths marked for it. */
  get refusesClients(): boolean {
    return this.isSecondary && !this.policy.secondaryServesClients;
  }

  get operationTokens(): OperationTokens {
    return this.host.operationTokens;
  }

  /** The server registers how to run the cluster listener; replication decides when. */
  async setClusterListener(hooks: ClusterListenerHooks): Promise<void> {
    this.listenerHooks = hooks;
    if (this.roles.state.mode === 'primary') await this.startListener(this.roles.state);
  }

  /** After unseal: resume the persisted role. */
  async load(): Promise<void> {
    const state = await this.roles.load();
    if (state.mode === 'primary') {
      await this.host.storage.setRole('primary');
      await this.startPrimary(state);
    } else if (state.mode === 'secondary') {
      await this.host.storage.setRole('secondary');
      await this.startRunner(state);
    } else {
      await this.host.storage.setRole('off');
    }
  }

  /** Before seal or close. */
  async stop(): Promise<void> {
    await this.stopRunner();
    await this.stopPrimary();
  }

  // ---- the parts, each in its own file --------------------------------------------------

  enablePrimary(primaryClusterAddr: string): Promise<void> {
    return primaryOps.enablePrimary(this, primaryClusterAddr);
  }
  secondaryToken(id: string, secondaryPublicKey?: string): Promise<SecondaryTokenFact> {
    return primaryOps.secondaryToken(this, id, secondaryPublicKey);
  }
  revokeSecondary(id: string): Promise<void> {
    return primaryOps.revokeSecondary(this, id);
  }
  disablePrimary(): Promise<void> {
    return primaryOps.disablePrimary(this);
  }
  enableSecondary(req: ActivationRequest): Promise<void> {
    return activation.enableSecondary(this, req);
  }
  generatePublicKey(): Promise<string> {
    return activation.generatePublicKey(this);
  }
  promote(opts: { force: boolean; primaryClusterAddr: string }): Promise<void> {
    return failover.promote(this, opts);
  }
  demote(): Promise<void> {
    return failover.demote(this);
  }
  updatePrimary(req: UpdatePrimaryRequest): Promise<void> {
    return failover.updatePrimary(this, req);
  }
  setZeroRpo(minAcks: number, ackTimeoutMs: number): Promise<void> {
    return failover.setZeroRpo(this, minAcks, ackTimeoutMs);
  }
  synchronous<T>(run: () => Promise<T>): Promise<T> {
    return failover.synchronous(this, run);
  }

  get zeroRpo(): ZeroRpo | undefined {
    return failover.zeroRpoOf(this);
  }

  async disableSecondary(): Promise<void> {
    if (this.roles.state.mode !== 'secondary')
      throw badRequest(`this cluster is not a ${this.roles.label} secondary`);
    await this.stopRunner();
    await this.roles.save({ mode: 'disabled' });
    await this.host.storage.setRole('off');
    await this.host.reload();
  }

  /** A primary that sees another primary of its set (two-primary guard), if any. */
  rivalPrimary(): RivalPrimary | undefined {
    const state = this.roles.state;
    return state.mode === 'primary' ? this.guard.rival(state, this.service) : undefined;
  }

  /**
   * An embedded secondary, opened for one command, first catches up with its primary:
   * streaming, with last_remote_wal at the primary's last_wal when the wait began.
   */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const runner = this.runner;
    const link = this.link;
    if (this.roles.state.mode !== 'secondary' || !runner || !link) return true;
    let goal = 0;
    try {
      goal = await link.lastWal();
    } catch (error) {
      // The primary is out of reach: catch up to what was already received.
      this.host.log('catch-up', error);
    }
    return runner.streamedTo(goal, timeoutMs);
  }

  // ---- status -------------------------------------------------------------------------

  async status(): Promise<Record<string, unknown>> {
    let contacts: ReadonlyMap<string, SecondaryContact> = this.service?.contacts ?? new Map();
    if (this.roles.state.mode === 'primary') {
      await this.host.storage.refresh();
      const merged = new Map(Object.entries(await this.roles.storedContacts()));
      for (const [id, contact] of contacts) {
        if ((merged.get(id)?.lastHeartbeat ?? 0) < contact.lastHeartbeat) merged.set(id, contact);
      }
      contacts = merged;
    }
    return drStatus({
      state: this.roles.state,
      storage: this.host.storage,
      contacts,
      runner: this.runner,
      lastStart: this.lastStart,
    });
  }

  /** What the vault.replication.* gauges show, read at scrape time. */
  metrics(): ReplicationMetrics {
    return replicationMetrics({
      state: this.roles.state,
      storage: this.host.storage,
      service: this.service,
      runner: this.runner,
    });
  }

  async reindex(): Promise<void> {
    await this.host.storage.reindex();
    const state = this.roles.state;
    if (state.mode !== 'disabled')
      await this.roles.save({ ...state, lastReindexEpoch: Math.floor(Date.now() / 1000) });
  }

  // ---- running pieces (EngineContext) -------------------------------------------------------

  async startPrimary(state: DrPrimaryState): Promise<void> {
    this.startService(state);
    await this.startListener(state);
    this.guard.start(state);
  }

  async stopPrimary(): Promise<void> {
    this.guard.stop();
    this.service = null;
    await this.listenerHooks?.stop();
  }

  async startRunner(state: DrSecondaryState, given?: Link, reconcileFirst = false): Promise<void> {
    this.lastStart = Date.now();
    if (state.primaryClusterAddr === '' && !given) return;
    const link = given ?? (await linkFor(state));
    this.link = link;
    this.runner = new SecondaryRunner(link, this.host.storage, {
      reconcileFirst,
      addresses: () => ({ apiAddr: this.host.apiAddr, clusterAddr: this.host.clusterAddr }),
      onApplied: (keys) => this.host.invalidate(keys),
    });
    this.runner.start();
  }

  async stopRunner(): Promise<void> {
    await this.runner?.stop();
    this.runner = null;
    this.link = null;
  }

  async sealKeysReplaced(primaryApiAddr: string): Promise<void> {
    await this.onSealKeysReplaced?.(primaryApiAddr);
  }

  private startService(state: DrPrimaryState): void {
    const configured = this.configuredZeroRpo;
    if (
      configured &&
      (state.zeroRpo?.minAcks !== configured.minAcks ||
        state.zeroRpo?.ackTimeoutMs !== configured.ackTimeoutMs)
    ) {
      void this.setZeroRpo(configured.minAcks, configured.ackTimeoutMs).catch((error: unknown) =>
        this.host.log('zero-rpo-config', error),
      );
    }
    const shipped = this.policy.shipped;
    this.service = new PrimaryService(
      this.host.storage,
      this.host.barrier,
      () => (this.roles.state.mode === 'primary' ? this.roles.state : null),
      () => ({ apiAddr: this.host.apiAddr, clusterAddr: state.primaryClusterAddr || this.host.clusterAddr }),
      (key) => shipped.has(this.host.classOf(key)),
    );
    let lastPersisted = 0;
    this.service.onContact = (contacts) => {
      const now = Date.now();
      if (now - lastPersisted < 1_000) return;
      lastPersisted = now;
      void this.roles
        .storeContacts(contacts)
        .catch((error: unknown) => this.host.log('store-contacts', error));
    };
    const self = this.host.clusterAddr;
    if (self.startsWith('inproc://')) registerInProcessPrimary(self, () => this.service);
  }

  private async startListener(state: DrPrimaryState): Promise<void> {
    if (!this.listenerHooks) return;
    await this.listenerHooks.start(
      {
        caPem: certPem(state.ca.certDer),
        certPem: certPem(state.server.certDer),
        keyPem: keyPem(state.server.key),
      },
      () => this.service,
    );
  }
}
