import { randomUUID } from 'node:crypto';
import type { Core } from '../core/core.js';
import { envelopeJson } from '../core/envelope.js';
import { badRequest, HvrError } from '../core/errors.js';
import { goJsonValue } from '../core/go-json.js';
import { parseLosslessJSON } from '../core/lossless-json.js';
import type { Response } from '../core/request.js';
import { KEYS } from '../core/storage-keys.js';
import { readJSON, writeJSON } from '../core/storage-view.js';
import {
  type ActivationBundle,
  ActivationError,
  decodeActivationToken,
  unwrapAtPrimary,
} from './activation/activation-token.js';
import {
  certFingerprint,
  certPem,
  createReplicationCA,
  issueCertificate,
  keyFromParams,
  keyParams,
  keyPem,
} from './activation/replication-ca.js';
import {
  generateSecondaryKeyPair,
  openBundle,
  SealedBundleError,
  type SecondaryKeyPair,
  sealBundle,
} from './activation/sealed-bundle.js';
import { invalidateApplied } from './apply-invalidation.js';
import { inProcessLink } from './link/in-process.js';
import type { Link } from './link/link.js';
import { mtlsLink } from './link/mtls.js';
import { type ReplicationMetrics, replicationMetrics } from './metrics-snapshot.js';
import { OperationTokens } from './operation-tokens.js';
import { peerFor } from './peers.js';
import { PrimaryService, type SecondaryContact } from './primary-service.js';
import {
  DR_STATE_KEY,
  type DrPrimaryState,
  type DrSecondaryState,
  type DrState,
  MODE_DR_SECONDARY,
} from './replication-state.js';
import { SecondaryRunner } from './secondary-runner.js';
import { drStatus } from './status.js';
import { type WriteRecord, writeContext } from './write-context.js';

export const WARN_PRIMARY_ENABLE =
  'This cluster is being enabled as a primary for replication. Vault will be unavailable for a brief period and will resume service shortly.';
export const WARN_SECONDARY_ENABLE =
  'Vault has successfully found secondary information; it may take a while to perform setup tasks. Vault will be unavailable until these tasks and initial sync complete.';
export const WARN_PROMOTE =
  'This cluster is being promoted to a replication primary. Vault will be unavailable for a brief period and will resume service shortly.';
export const WARN_DEMOTE =
  'This cluster is being demoted to a replication secondary. Vault will be unavailable for a brief period and will resume service shortly.';
/** Vault's docs show no text for update-primary; hvr reuses the secondary-information wording (inferred). */
export const WARN_UPDATE_PRIMARY = WARN_SECONDARY_ENABLE;
export const WARN_PRIMARY_DISABLE =
  'This cluster is having replication disabled. Vault will be unavailable for a brief period and will resume service shortly.';

const SECONDARY_TOKEN_PATH = 'sys/replication/dr/primary/secondary-token';
const PEER_CHECK_MS = 5_000;
const NOT_DR_TOKEN =
  'this activation token was issued for performance replication, not DR: use a token from sys/replication/dr/primary/secondary-token';
/** Node-class: the key pair of generate-public-key, until an encrypted token is used with it. */
const SECONDARY_KEY_KEY = 'core/replication/dr-secondary-key';
/** Node-class: the last heartbeat of each secondary, for status in every process. */
const DR_CONTACTS_KEY = 'core/replication/dr-contacts';

/** In-process primaries by cluster address `inproc://<name>`: embedded clusters and tests link without sockets. */
const inProcessPrimaries = new Map<string, () => PrimaryService | null>();

export interface ClusterListenerHooks {
  start(
    tls: { caPem: string; certPem: string; keyPem: string },
    service: () => PrimaryService | null,
  ): Promise<void>;
  stop(): Promise<void>;
}

/**
 * DR replication for one node: its persisted role, the primary's service to secondaries,
 * or the secondary's runner. sys/replication/* calls land here.
 */
export class DrReplication {
  private state: DrState = { mode: 'disabled' };
  private service: PrimaryService | null = null;
  private runner: SecondaryRunner | null = null;
  private link: Link | null = null;
  private listenerHooks: ClusterListenerHooks | null = null;
  private lastStart = 0;
  private opTokens: OperationTokens | undefined;
  private peerTimer: NodeJS.Timeout | undefined;
  private rivalPrimary: {
    readonly clusterAddr: string;
    readonly apiAddr: string;
    readonly seen: number;
  } | null = null;
  /**
   * Called after this cluster took its primary's seal keys (secondary enable). The embedded
   * client uses it to keep the unseal key it stores for the cluster in step.
   */
  onSealKeysReplaced: ((primaryApiAddr: string) => Promise<void>) | undefined;
  /** Zero-RPO mode from the server's config file: applied whenever this node is (or becomes) a DR primary. */
  configuredZeroRpo: { minAcks: number; ackTimeoutMs: number } | undefined;

  constructor(private readonly core: Core) {}

  get mode(): DrState['mode'] {
    return this.state.mode;
  }

  get isSecondary(): boolean {
    return this.state.mode === 'secondary';
  }

  /** The server registers how to run the cluster listener; replication decides when. */
  async setClusterListener(hooks: ClusterListenerHooks): Promise<void> {
    this.listenerHooks = hooks;
    if (this.state.mode === 'primary') await this.startListener(this.state);
  }

  /** After unseal: resume the persisted role. */
  async load(): Promise<void> {
    this.state = (await readJSON<DrState>(this.core.root, DR_STATE_KEY)) ?? { mode: 'disabled' };
    if (this.state.mode === 'primary') {
      await this.core.storage.setRole('primary');
      this.startService(this.state);
      await this.startListener(this.state);
      this.startPeerCheck();
    } else if (this.state.mode === 'secondary') {
      await this.core.storage.setRole('secondary');
      await this.startRunner(this.state);
    } else {
      await this.core.storage.setRole('off');
    }
  }

  /** Before seal or close. */
  async stop(): Promise<void> {
    this.stopPeerCheck();
    await this.runner?.stop();
    this.runner = null;
    this.service = null;
    await this.listenerHooks?.stop();
  }

  // ---- primary ------------------------------------------------------------------------

  async enablePrimary(primaryClusterAddr: string): Promise<Response> {
    if (this.state.mode === 'secondary') {
      throw badRequest('this cluster is a DR secondary: promote it instead of enabling it as a primary');
    }
    if (this.state.mode === 'primary') throw badRequest('this cluster is already a DR primary');
    const ca = await createReplicationCA();
    const hosts = ['127.0.0.1', 'localhost', ...hostOf(primaryClusterAddr || this.core.clusterAddr)];
    const server = await issueCertificate(ca, { usage: 'server', hosts: [...new Set(hosts)] });
    const state: DrPrimaryState = {
      mode: 'primary',
      clusterId: randomUUID(),
      primaryClusterAddr,
      ca,
      server,
      secondaries: [],
      lastReindexEpoch: 0,
    };
    await this.core.storage.setRole('primary', { rebuild: true });
    await this.save(state);
    this.startService(state);
    await this.startListener(state);
    return { warnings: [WARN_PRIMARY_ENABLE] };
  }

  async secondaryToken(
    id: string,
    ttl: number,
    requestId: string,
    secondaryPublicKey?: string,
  ): Promise<Response> {
    const state = this.requirePrimary();
    if (!/^\w(([\w.-]+)?\w)?$/.test(id))
      throw badRequest(`invalid secondary id "${id}": use letters, digits, "-", "_" and "."`);
    if (state.secondaries.some((s) => s.id === id && !s.revoked)) {
      throw badRequest(`a secondary with id "${id}" already exists; revoke it first or choose another id`);
    }
    const client = await issueCertificate(state.ca, { usage: 'client' });
    const bundle = {
      ca_cert: state.ca.certDer,
      client_cert: client.certDer,
      client_key: keyParams(client.key),
      cluster_id: state.clusterId,
      encrypted_client_key: null,
      id,
      mode: MODE_DR_SECONDARY,
      nonce: null,
      primary_cluster_addr: state.primaryClusterAddr || this.core.clusterAddr,
      primary_cluster_cert: state.server.certDer,
      primary_public_key: null,
    };
    let sealed: string | undefined;
    if (secondaryPublicKey) {
      try {
        sealed = sealBundle(
          goJsonValue({ ...bundle, primary_api_addr: this.core.apiAddr }),
          secondaryPublicKey,
        );
      } catch (error) {
        if (error instanceof SealedBundleError) throw badRequest(error.message);
        throw error;
      }
    }
    // Known from now on, even if never activated (as Vault lists ids at token time).
    await this.save({
      ...state,
      secondaries: [
        ...state.secondaries.filter((s) => s.id !== id),
        {
          id,
          certName: client.commonName,
          fingerprint: certFingerprint(client.certDer),
          revoked: false,
        },
      ],
    });
    if (sealed !== undefined) return { data: { token: sealed } };
    const { info, warnings } = await this.core.wrapping.wrap(
      envelopeJson({ data: bundle }, requestId, false),
      {
        ttl,
        path: SECONDARY_TOKEN_PATH,
        format: 'jwt',
      },
    );
    return { wrapInfo: info, ...(warnings.length > 0 ? { warnings } : {}) };
  }

  async revokeSecondary(id: string): Promise<void> {
    const state = this.requirePrimary();
    if (!state.secondaries.some((s) => s.id === id && !s.revoked))
      throw badRequest(`no secondary with id "${id}" is known`);
    await this.save({
      ...state,
      secondaries: state.secondaries.map((s) => (s.id === id ? { ...s, revoked: true } : s)),
    });
    this.service?.contacts.delete(id);
    // Long polls of the revoked secondary end now, answered with a refusal.
    this.service?.cut(id);
  }

  async disablePrimary(): Promise<Response> {
    this.requirePrimary();
    this.service = null;
    await this.listenerHooks?.stop();
    await this.save({ mode: 'disabled' });
    await this.core.storage.setRole('off');
    return { warnings: [WARN_PRIMARY_DISABLE] };
  }

  // ---- secondary ----------------------------------------------------------------------

  async enableSecondary(opts: { token: string; primaryApiAddr?: string; caPem?: string }): Promise<Response> {
    if (this.state.mode === 'primary') {
      throw badRequest(
        'this cluster is a DR primary: disable replication on it before enabling it as a DR secondary',
      );
    }
    if (this.state.mode === 'secondary') throw badRequest('this cluster is already a DR secondary');
    const { bundle, apiAddr } = await this.bundleFrom(opts.token, opts.primaryApiAddr, opts.caPem);
    return this.activate(bundle, apiAddr);
  }

  /** The activation bundle from a JWT (unwrapped at the primary) or an encrypted token (opened here). */
  private async bundleFrom(
    token: string,
    primaryApiAddr?: string,
    caPem?: string,
  ): Promise<{ bundle: ActivationBundle; apiAddr: string }> {
    try {
      if (token.trim().split('.').length !== 3) {
        const keyPair = await readJSON<SecondaryKeyPair>(this.core.root, SECONDARY_KEY_KEY);
        if (!keyPair) {
          throw new ActivationError(
            'this token is an encrypted activation token, but this cluster has no key: call sys/replication/dr/secondary/generate-public-key first',
          );
        }
        let bundle: ActivationBundle & { primary_api_addr?: string };
        try {
          bundle = parseLosslessJSON(openBundle(token, keyPair.privateKey)) as ActivationBundle & {
            primary_api_addr?: string;
          };
        } catch (error) {
          if (error instanceof SealedBundleError) throw new ActivationError(error.message);
          throw error;
        }
        if (bundle.mode !== MODE_DR_SECONDARY) throw new ActivationError(NOT_DR_TOKEN);
        return { bundle, apiAddr: bundle.primary_api_addr ?? '' };
      }
      const claims = decodeActivationToken(token);
      if (claims.exp > 0 && claims.exp * 1000 < Date.now()) {
        throw new ActivationError(
          `the activation token expired at ${new Date(claims.exp * 1000).toISOString()}; ask the primary for a new one`,
        );
      }
      const apiAddr = primaryApiAddr || claims.addr;
      if (!apiAddr)
        throw new ActivationError('the activation token carries no primary address: pass primary_api_addr');
      const bundle = apiAddr.startsWith('embedded://')
        ? await unwrapInProcess(apiAddr, token)
        : await unwrapAtPrimary(apiAddr, token, caPem);
      if (bundle.mode !== MODE_DR_SECONDARY) throw new ActivationError(NOT_DR_TOKEN);
      return { bundle, apiAddr };
    } catch (error) {
      if (error instanceof ActivationError) throw badRequest(error.message);
      throw error;
    }
  }

  /** sys/replication/dr/secondary/generate-public-key: the key a primary encrypts an activation token to. */
  async generatePublicKey(): Promise<Response> {
    if (this.state.mode === 'primary')
      throw badRequest(
        'this cluster is a DR primary; generate the key on the cluster that will become the secondary',
      );
    const pair = generateSecondaryKeyPair();
    await writeJSON(this.core.root, SECONDARY_KEY_KEY, pair);
    return { data: { secondary_public_key: pair.publicKey } };
  }

  /** Takes an activation bundle: fetch the primary's keys, wipe, install them, start replicating. */
  private async activate(bundle: ActivationBundle, apiAddr: string): Promise<Response> {
    try {
      const client = await keyFromParams(bundle.client_key);
      const state: DrSecondaryState = {
        mode: 'secondary',
        clusterId: bundle.cluster_id,
        secondaryId: bundle.id,
        primaryApiAddr: apiAddr,
        primaryClusterAddr: bundle.primary_cluster_addr,
        caCertDer: bundle.ca_cert,
        client: { certDer: bundle.client_cert, key: client, commonName: '' },
        ...pinOf(bundle),
        lastReindexEpoch: 0,
      };
      const link = await this.linkFor(state);
      let material: Awaited<ReturnType<Link['keyMaterial']>>;
      try {
        material = await link.keyMaterial();
      } catch (error) {
        await link.close();
        throw new ActivationError(
          `the token was valid, but fetching the replication keys from the primary failed: ${(error as Error).message}`,
        );
      }
      // Everything the primary will send replaces what was here: wipe, take its keys, then sync.
      await this.core.storage.setRole('off');
      await this.core.storage.wipe(() => false);
      await this.core.storage.inner.transaction((tx) => {
        tx.put({ key: KEYS.rootKey, value: new Uint8Array(Buffer.from(material.sealedRootKey, 'base64')) });
        tx.put({ key: KEYS.sealConfig, value: new Uint8Array(Buffer.from(material.sealConfig, 'base64')) });
      });
      this.core.seal.forgetConfig();
      this.core.barrier.installKeyring(material.keyring);
      await this.onSealKeysReplaced?.(apiAddr);
      await this.save(state);
      await this.core.storage.setRole('secondary', { rebuild: true });
      await this.startRunner(state, link);
    } catch (error) {
      if (error instanceof ActivationError) throw badRequest(error.message);
      throw error;
    }
    return { warnings: [WARN_SECONDARY_ENABLE] };
  }

  async disableSecondary(): Promise<Response> {
    if (this.state.mode !== 'secondary') throw badRequest('this cluster is not a DR secondary');
    await this.runner?.stop();
    this.runner = null;
    await this.save({ mode: 'disabled' });
    await this.core.storage.setRole('off');
    await this.core.reload();
    return { warnings: [WARN_PRIMARY_DISABLE] };
  }

  // ---- zero-RPO mode (beyond Vault) ----------------------------------------------------------

  /** The zero-RPO setting of this primary, or undefined when writes are asynchronous (the default). */
  get zeroRpo(): { minAcks: number; ackTimeoutMs: number } | undefined {
    return this.state.mode === 'primary' && this.state.zeroRpo && this.state.zeroRpo.minAcks > 0
      ? this.state.zeroRpo
      : undefined;
  }

  async setZeroRpo(minAcks: number, ackTimeoutMs: number): Promise<void> {
    const state = this.requirePrimary();
    if (!Number.isInteger(minAcks) || minAcks < 0)
      throw badRequest('min_acks must be a whole number, 0 for asynchronous replication');
    if (minAcks > 0 && ackTimeoutMs <= 0) throw badRequest('ack_timeout must be positive');
    const { zeroRpo: _previous, ...rest } = state;
    await this.save(minAcks === 0 ? rest : { ...rest, zeroRpo: { minAcks, ackTimeoutMs } });
  }

  /**
   * Runs a request's writes; in zero-RPO mode waits until enough secondaries applied them,
   * and on timeout rolls them back (a replicated write of the old values) and fails.
   */
  async synchronous<T>(run: () => Promise<T>): Promise<T> {
    const mode = this.zeroRpo;
    if (!mode) return run();
    const record: WriteRecord = { maxWal: 0, changes: [] };
    const result = await writeContext.run(record, run);
    if (record.maxWal === 0) return result;
    const acked = (await this.service?.awaitAcks(record.maxWal, mode.minAcks, mode.ackTimeoutMs)) ?? false;
    if (acked) return result;
    await writeContext.exit(() => this.core.storage.undo(record.changes));
    throw new HvrError(
      'HVR_ZERO_RPO_TIMEOUT',
      503,
      `zero-RPO mode: the write was not applied by ${mode.minAcks} DR secondar${mode.minAcks === 1 ? 'y' : 'ies'} within ${mode.ackTimeoutMs} ms, so it was rolled back and is not stored; check sys/replication/dr/status for the secondaries' connection_status, or lower min_acks at sys/replication/dr/primary/zero-rpo`,
    );
  }

  // ---- failover -------------------------------------------------------------------------

  get operationTokens(): OperationTokens {
    this.opTokens ??= new OperationTokens(this.core);
    return this.opTokens;
  }

  /**
   * Promote: this DR secondary becomes the DR primary of the same replication set (same
   * cluster id). Tokens and leases it received keep working. Refused with 503 while it is
   * not yet consistent with its primary, unless `force`.
   */
  async promote(opts: { force: boolean; primaryClusterAddr: string }): Promise<Response> {
    const state = this.state;
    if (state.mode !== 'secondary')
      throw badRequest('this cluster is not a DR secondary; only a DR secondary can be promoted');
    const runner = this.runner;
    const consistent = runner === null ? this.core.storage.lastRemoteWal > 0 : runner.consistent;
    if (!opts.force && !consistent) {
      throw new HvrError(
        'HVR_NOT_CONSISTENT',
        503,
        `this secondary is not yet consistent with its primary (state ${runner?.state ?? 'idle'}); retry once it reaches stream-wals, or pass force=true to promote now and accept losing what it has not received`,
      );
    }
    await this.runner?.stop();
    this.runner = null;
    this.link = null;
    const ca = state.formerPrimary?.ca ?? (await createReplicationCA());
    const hosts = ['127.0.0.1', 'localhost', ...hostOf(opts.primaryClusterAddr || this.core.clusterAddr)];
    // A demoted primary promoted again keeps its cluster certificate, which its secondaries pinned.
    const server =
      state.formerPrimary?.server ??
      (await issueCertificate(ca, { usage: 'server', hosts: [...new Set(hosts)] }));
    const promoted: DrPrimaryState = {
      mode: 'primary',
      clusterId: state.clusterId,
      primaryClusterAddr: opts.primaryClusterAddr,
      ca,
      server,
      secondaries: state.formerPrimary?.secondaries ?? [],
      lastReindexEpoch: state.lastReindexEpoch,
      ...(state.primaryClusterAddr && state.client
        ? {
            formerPrimary: {
              clusterAddr: state.primaryClusterAddr,
              caCertDer: state.caCertDer,
              client: state.client,
              ...(state.primaryCertSha256 ? { primaryCertSha256: state.primaryCertSha256 } : {}),
            },
          }
        : {}),
    };
    await this.save(promoted);
    await this.core.storage.setRole('primary');
    await this.core.reload();
    this.startService(promoted);
    await this.startListener(promoted);
    this.startPeerCheck();
    return { warnings: [WARN_PROMOTE] };
  }

  /** Demote: this primary becomes a DR secondary connected to nothing, keeping its data and cluster id. */
  async demote(): Promise<Response> {
    const state = this.state;
    if (state.mode !== 'primary')
      throw badRequest('this cluster is not a DR primary; only a DR primary can be demoted');
    this.stopPeerCheck();
    this.service = null;
    await this.listenerHooks?.stop();
    const demoted: DrSecondaryState = {
      mode: 'secondary',
      clusterId: state.clusterId,
      secondaryId: '',
      primaryApiAddr: '',
      primaryClusterAddr: '',
      caCertDer: '',
      client: null,
      lastReindexEpoch: state.lastReindexEpoch,
      formerPrimary: { ca: state.ca, server: state.server, secondaries: state.secondaries },
    };
    await this.save(demoted);
    await this.core.storage.setRole('secondary');
    return { warnings: [WARN_DEMOTE] };
  }

  /**
   * update-primary: attach this secondary to a (new) primary of the same replication set
   * without a wipe; it reconciles by merkle diff. `token` "" forgets the primary.
   */
  async updatePrimary(opts: {
    token?: string;
    primaryApiAddr?: string;
    caPem?: string;
    updatePrimaryAddrs?: string[];
  }): Promise<Response> {
    const state = this.state;
    if (state.mode !== 'secondary')
      throw badRequest('this cluster is not a DR secondary; update-primary re-points a secondary');
    if (
      opts.token !== undefined &&
      opts.token !== '' &&
      opts.updatePrimaryAddrs &&
      opts.updatePrimaryAddrs.length > 0
    ) {
      throw badRequest(
        '"token" and "update_primary_addrs" cannot be used together: pass an activation token from the new primary, or the addresses to try, not both',
      );
    }
    await this.runner?.stop();
    this.runner = null;
    this.link = null;
    if (opts.updatePrimaryAddrs && opts.updatePrimaryAddrs.length > 0) {
      if (!state.client) {
        throw badRequest(
          'update_primary_addrs needs the credentials of a previous activation; this secondary has none (a demoted primary): use token',
        );
      }
      const tried: string[] = [];
      for (const addr of opts.updatePrimaryAddrs) {
        const candidate: DrSecondaryState = { ...state, primaryClusterAddr: addr };
        const link = await this.linkFor(candidate);
        try {
          const reply = await link.heartbeat({
            lastRemoteWal: this.core.storage.lastRemoteWal,
            apiAddr: this.core.apiAddr,
            clusterAddr: this.core.clusterAddr,
            time: Date.now(),
          });
          if (reply.clusterId !== state.clusterId)
            throw new Error(`it belongs to replication set ${reply.clusterId}`);
          await this.save(candidate);
          await this.startRunner(candidate, link, true);
          return { warnings: [WARN_UPDATE_PRIMARY] };
        } catch (error) {
          tried.push(`${addr}: ${(error as Error).message}`);
          await link.close();
        }
      }
      throw badRequest(
        `no address in update_primary_addrs answered as this secondary's primary: ${tried.join('; ')}`,
      );
    }
    if (!opts.token) {
      const detached: DrSecondaryState = { ...state, primaryClusterAddr: '', primaryApiAddr: '' };
      await this.save(detached);
      return { warnings: [WARN_UPDATE_PRIMARY] };
    }
    const { bundle, apiAddr } = await this.bundleFrom(opts.token, opts.primaryApiAddr, opts.caPem);
    if (bundle.cluster_id !== state.clusterId) {
      throw badRequest(
        `the activation token is for replication set ${bundle.cluster_id}, not this secondary's ${state.clusterId}; use sys/replication/dr/secondary/enable (which wipes) to join another set`,
      );
    }
    const attached: DrSecondaryState = {
      ...state,
      secondaryId: bundle.id,
      primaryApiAddr: apiAddr,
      primaryClusterAddr: bundle.primary_cluster_addr,
      caCertDer: bundle.ca_cert,
      client: { certDer: bundle.client_cert, key: await keyFromParams(bundle.client_key), commonName: '' },
      ...pinOf(bundle),
    };
    const link = await this.linkFor(attached);
    await this.save(attached);
    await this.startRunner(attached, link, true);
    return { warnings: [WARN_UPDATE_PRIMARY] };
  }

  /**
   * Two-primary guard: a promoted cluster keeps its old credentials and probes its old
   * primary; if that one still answers as a primary of the same set, both report it.
   */
  private startPeerCheck(): void {
    this.stopPeerCheck();
    const state = this.state;
    if (state.mode !== 'primary' || !state.formerPrimary) return;
    const former = state.formerPrimary;
    const probe = async () => {
      const link = await this.linkFor({
        mode: 'secondary',
        clusterId: state.clusterId,
        secondaryId: '',
        primaryApiAddr: '',
        primaryClusterAddr: former.clusterAddr,
        caCertDer: former.caCertDer,
        client: former.client,
        ...(former.primaryCertSha256 ? { primaryCertSha256: former.primaryCertSha256 } : {}),
        lastReindexEpoch: 0,
      }).catch(() => null);
      if (!link) return;
      try {
        const reply = await link.heartbeat({
          lastRemoteWal: 0,
          apiAddr: this.core.apiAddr,
          clusterAddr: this.core.clusterAddr,
          time: Date.now(),
          mode: 'primary',
        });
        this.rivalPrimary =
          reply.mode === 'primary' && reply.clusterId === state.clusterId
            ? { clusterAddr: former.clusterAddr, apiAddr: reply.apiAddr, seen: Date.now() }
            : null;
      } catch {
        // unreachable, demoted or refusing us: no second primary visible from here
        this.rivalPrimary = null;
      } finally {
        await link.close();
      }
    };
    void probe();
    this.peerTimer = setInterval(() => void probe(), PEER_CHECK_MS);
    this.peerTimer.unref();
  }

  private stopPeerCheck(): void {
    if (this.peerTimer) clearInterval(this.peerTimer);
    this.peerTimer = undefined;
    this.rivalPrimary = null;
  }

  /** The two-primary warning, when either side has seen the other. */
  twoPrimaryWarning(): string | undefined {
    const rivals = [...(this.service?.rivals.values() ?? [])].filter(
      (r) => Date.now() - r.since < 60_000 * 60,
    );
    const seen =
      this.rivalPrimary ?? (rivals[0] ? { clusterAddr: rivals[0].clusterAddr, apiAddr: '' } : null);
    if (!seen) return undefined;
    return `Two DR primaries for replication set ${(this.state as DrPrimaryState).clusterId}: this cluster and the one at ${seen.clusterAddr} both act as primary. Writes to both will diverge; demote one of them (sys/replication/dr/primary/demote) and re-attach it with update-primary.`;
  }

  /**
   * An embedded secondary, opened for one command, first catches up with its primary:
   * streaming, with last_remote_wal at the primary's last_wal when the wait began.
   */
  async catchUp(timeoutMs: number): Promise<boolean> {
    const runner = this.runner;
    const link = this.link;
    if (this.state.mode !== 'secondary' || !runner || !link) return true;
    const goal = (await link.wals(Number.MAX_SAFE_INTEGER, 0).catch(() => ({ lastWal: 0 }))).lastWal;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (runner.state === 'stream-wals' && this.core.storage.lastRemoteWal >= goal) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  // ---- status -------------------------------------------------------------------------

  async status(): Promise<Record<string, unknown>> {
    let contacts: ReadonlyMap<string, SecondaryContact> = this.service?.contacts ?? new Map();
    if (this.state.mode === 'primary') {
      await this.core.storage.refresh();
      const stored =
        (await readJSON<Record<string, SecondaryContact>>(this.core.root, DR_CONTACTS_KEY)) ?? {};
      const merged = new Map(Object.entries(stored));
      for (const [id, contact] of contacts) {
        if ((merged.get(id)?.lastHeartbeat ?? 0) < contact.lastHeartbeat) merged.set(id, contact);
      }
      contacts = merged;
    }
    return drStatus({
      state: this.state,
      storage: this.core.storage,
      contacts,
      runner: this.runner,
      lastStart: this.lastStart,
    });
  }

  /** What the vault.replication.* gauges show, read at scrape time. */
  metrics(): ReplicationMetrics {
    return replicationMetrics({
      state: this.state,
      storage: this.core.storage,
      service: this.service,
      runner: this.runner,
    });
  }

  async reindex(): Promise<void> {
    await this.core.storage.reindex();
    if (this.state.mode !== 'disabled')
      await this.save({ ...this.state, lastReindexEpoch: Math.floor(Date.now() / 1000) });
  }

  // ---- internals ----------------------------------------------------------------------

  private requirePrimary(): DrPrimaryState {
    if (this.state.mode !== 'primary')
      throw badRequest(
        'this cluster is not a DR primary: enable it with sys/replication/dr/primary/enable first',
      );
    return this.state;
  }

  private async save(state: DrState): Promise<void> {
    await writeJSON(this.core.root, DR_STATE_KEY, state);
    this.state = state;
  }

  private startService(state: DrPrimaryState): void {
    const configured = this.configuredZeroRpo;
    if (
      configured &&
      (state.zeroRpo?.minAcks !== configured.minAcks ||
        state.zeroRpo?.ackTimeoutMs !== configured.ackTimeoutMs)
    ) {
      void this.setZeroRpo(configured.minAcks, configured.ackTimeoutMs).catch(() => undefined);
    }
    this.service = new PrimaryService(
      this.core.storage,
      this.core.barrier,
      () => (this.state.mode === 'primary' ? this.state : null),
      () => ({ apiAddr: this.core.apiAddr, clusterAddr: state.primaryClusterAddr || this.core.clusterAddr }),
    );
    let lastPersisted = 0;
    this.service.onContact = (contacts) => {
      const now = Date.now();
      if (now - lastPersisted < 1_000) return;
      lastPersisted = now;
      void writeJSON(this.core.root, DR_CONTACTS_KEY, Object.fromEntries(contacts)).catch(() => undefined);
    };
    const self = this.core.clusterAddr;
    if (self.startsWith('inproc://')) inProcessPrimaries.set(self, () => this.service);
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

  private async linkFor(state: DrSecondaryState): Promise<Link> {
    const client = state.client;
    if (!client)
      throw new HvrError(
        'HVR_BAD_REQUEST',
        400,
        'this secondary has no primary: use update-primary with an activation token',
      );
    if (state.primaryClusterAddr.startsWith('inproc://')) {
      if (!inProcessPrimaries.has(state.primaryClusterAddr)) await peerFor(state.primaryClusterAddr);
      const primary = inProcessPrimaries.get(state.primaryClusterAddr);
      if (!primary)
        throw new HvrError('HVR_BAD_REQUEST', 400, `no in-process primary at ${state.primaryClusterAddr}`);
      return inProcessLink(primary, certFingerprint(client.certDer));
    }
    return mtlsLink({
      clusterAddr: state.primaryClusterAddr,
      caPem: certPem(state.caCertDer),
      certPem: certPem(client.certDer),
      keyPem: keyPem(client.key),
      ...(state.primaryCertSha256 ? { pinnedCertSha256: state.primaryCertSha256 } : {}),
    });
  }

  private async startRunner(state: DrSecondaryState, given?: Link, reconcileFirst = false): Promise<void> {
    this.lastStart = Date.now();
    if (state.primaryClusterAddr === '' && !given) return;
    const link = given ?? (await this.linkFor(state));
    this.link = link;
    this.runner = new SecondaryRunner(link, this.core.storage, {
      reconcileFirst,
      addresses: () => ({ apiAddr: this.core.apiAddr, clusterAddr: this.core.clusterAddr }),
      onApplied: (keys) => invalidateApplied(this.core, keys),
    });
    this.runner.start();
  }
}

/** Unwraps at a local cluster this process opens itself (the embedded CLI's clusters). */
async function unwrapInProcess(apiAddr: string, token: string): Promise<ActivationBundle> {
  const peer = await peerFor(apiAddr);
  if (!peer) throw new ActivationError(`no local cluster answers at ${apiAddr}`);
  let resp: Response | null;
  try {
    resp = await peer.core.handle({
      id: randomUUID(),
      operation: 'update',
      path: 'sys/wrapping/unwrap',
      data: { token },
      headers: {},
    });
  } catch (error) {
    throw new ActivationError(
      `error response unwrapping secondary token; status code is ${(error as HvrError).status ?? 500}, message is "${(error as Error).message}"`,
    );
  }
  const parsed = parseLosslessJSON(resp?.raw?.body ?? '{}') as { data?: ActivationBundle };
  if (!parsed.data)
    throw new ActivationError('the unwrapped response is not a replication activation bundle');
  return parsed.data;
}

const hostOf = (addr: string): string[] => {
  try {
    const host = new URL(addr).hostname.replace(/^\[|\]$/g, '');
    return host ? [host] : [];
  } catch {
    return [];
  }
};

/** The pin a bundle gives a secondary: its primary's cluster certificate (absent from older bundles). */
const pinOf = (bundle: ActivationBundle): { primaryCertSha256?: string } =>
  bundle.primary_cluster_cert ? { primaryCertSha256: certFingerprint(bundle.primary_cluster_cert) } : {};
