import type { BackendCatalog } from '../logical/catalog.js';
import { type Admission, dispatch } from '../logical/dispatch.js';
import {
  badRequest,
  drPathDisabled,
  invalidToken,
  isHvrError,
  loginPermissionDenied,
  noHandler,
  notInitialized,
  permissionDenied,
  sealed,
} from '../logical/errors.js';
import { matchesSpecial } from '../logical/path-match.js';
import type { Backend, PathSpec } from '../logical/path-spec.js';
import type { AuthInfo, Request, Response } from '../logical/request.js';
import { createView, type StorageView } from '../logical/storage-view.js';
import { isRootEntry, remainingTTL, type TokenEntry } from '../logical/token-entry.js';
import type { ReplicationEngine, ReplicationFactory } from '../replication/engine/engine.js';
import { ReplicatedStorage } from '../replication/replicated-storage.js';
import type { PhysicalBackend } from '../storage/physical.js';
import { auditRefusal } from './audit/audit-refusal.js';
import { AuditBroker } from './audit/broker.js';
import { tokenAuditAuth } from './audit/token-auth.js';
import { Barrier } from './barrier.js';
import { ClusterIdentity } from './cluster-identity.js';
import { completeLogin } from './complete-login.js';
import { Cubbyholes } from './cubbyholes.js';
import { envelopeJson } from './envelope.js';
import { GenerateRootOperation } from './generate-root.js';
import { LeaseStore } from './lease-store.js';
import { SYSTEM_MAX_LEASE_TTL } from './mount-entry.js';
import { MountTable } from './mount-table.js';
import type { ACL } from './policy/acl.js';
import { PolicyStore } from './policy-store.js';
import { RekeyOperation } from './rekey.js';
import { commitRekey } from './rekey-commit.js';
import { type RouteEntry, Router } from './router.js';
import { ShamirSeal } from './seal.js';
import { KEYS, StorageClassifier } from './storage-keys.js';
import { collectReplicationGauges } from './telemetry/replication-gauges.js';
import { Telemetry } from './telemetry/telemetry.js';
import { newServiceToken } from './token-id.js';
import { checkBoundCIDRs } from './token-params.js';
import { TokenStore } from './token-store.js';
import { UserLockout } from './user-lockout.js';
import { HVR_VERSION } from './version.js';
import { WrappingService } from './wrapping.js';

export interface CoreOptions {
  readonly physical: PhysicalBackend;
  /** The mountable backend types besides sys/ and auth/token (backends/catalog.ts). */
  readonly backends: BackendCatalog;
  /** The API address clients use (api_addr); JWT wrapping tokens carry it. */
  readonly apiAddr?: string;
  readonly clusterAddr?: string;
  readonly version?: string;
  /** WAL records a primary keeps for its secondaries (Vault's logshipper_buffer_length). */
  readonly walBufferLength?: number;
  /** Where metrics go; the server passes the one its storage wrapper also reports to. */
  readonly telemetry?: Telemetry;
  /** The replication engine and its mode (the server and the embedded node choose DR). */
  readonly replication: ReplicationFactory<Core>;
}

export interface InitResult {
  readonly keys: string[];
  readonly keysBase64: string[];
  readonly rootToken: string;
}

/**
 * The node: seal state, the barrier, and the request pipeline
 * (resolve → authenticate → authorize → handle → login/wrap → audit).
 */
export class Core {
  readonly physical: PhysicalBackend;
  /** Between the barrier and the physical backend: WAL and merkle index when replicating. */
  readonly storage: ReplicatedStorage;
  readonly barrier: Barrier;
  readonly seal: ShamirSeal;
  readonly classifier = new StorageClassifier();
  readonly router = new Router();
  readonly root: StorageView;
  readonly tokens: TokenStore;
  readonly policies: PolicyStore;
  readonly leases: LeaseStore;
  readonly audit = new AuditBroker();
  readonly lockout: UserLockout;
  readonly wrapping: WrappingService;
  readonly mounts: MountTable;
  readonly cubbyholes: Cubbyholes;
  readonly identity: ClusterIdentity;
  readonly generateRoot: GenerateRootOperation;
  readonly rekey: RekeyOperation;
  readonly replication: ReplicationEngine;
  readonly version: string;
  readonly telemetry: Telemetry;
  apiAddr: string;
  clusterAddr: string;
  private expiryTimer: NodeJS.Timeout | undefined;

  constructor(opts: CoreOptions) {
    this.physical = opts.physical;
    this.storage = new ReplicatedStorage(
      opts.physical,
      (key) => this.classifier.classOf(key),
      opts.walBufferLength,
    );
    this.barrier = new Barrier(this.storage);
    this.seal = new ShamirSeal(this.storage, this.barrier);
    this.root = createView(this.barrier);
    this.lockout = new UserLockout(this.root.sub(KEYS.lockedUsersPrefix));
    // A DR secondary re-reads the salt each time: the primary's arrives with the stream.
    this.tokens = new TokenStore(this.root, this.barrier, () => !this.replication?.isSecondary);
    this.policies = new PolicyStore(this.root);
    this.leases = new LeaseStore(this.root);
    this.identity = new ClusterIdentity(this.root);
    this.apiAddr = opts.apiAddr ?? '';
    this.clusterAddr = opts.clusterAddr ?? '';
    this.version = opts.version ?? HVR_VERSION;
    this.mounts = new MountTable(this, opts.backends);
    this.cubbyholes = new Cubbyholes(() => this.mounts.cubbyholeStorage(), this.tokens.salt, this.root);
    this.generateRoot = new GenerateRootOperation(this.seal, async (strategy) => {
      if (strategy === 'dr-operation') {
        const token = newServiceToken();
        await this.replication.operationTokens.remember(token);
        return token;
      }
      const entry = await this.tokens.create({
        parent: '',
        policies: ['root'],
        path: 'auth/token/root',
        displayName: 'root',
        ttl: 0,
      });
      return entry.id;
    });
    this.rekey = new RekeyOperation(this.seal, this.barrier, (config, key) =>
      commitRekey(this.barrier, this.seal, config, key),
    );
    this.wrapping = new WrappingService(
      this.tokens,
      (token) => this.cubbyholes.of(token),
      this.root,
      () => this.apiAddr,
    );
    this.tokens.onRevoke(async (entry) => {
      await this.cubbyholes.destroy(entry.id);
      if (entry.leaseId !== '') await this.leases.delete(entry.leaseId);
    });
    this.replication = opts.replication(this);
    this.telemetry = opts.telemetry ?? new Telemetry();
    collectReplicationGauges(this.telemetry, this.replication);
    this.mounts.mountSystem();
  }

  get isSealed(): boolean {
    return this.barrier.isSealed;
  }

  async isInitialized(): Promise<boolean> {
    return (await this.seal.config()) !== null;
  }

  /** sys/init: creates keys, opens the barrier once to set up, then seals again. */
  async initialize(shares: number, threshold: number, rootTokenId?: string): Promise<InitResult> {
    const { shares: keyShares, unsealKey } = await this.seal.initialize(shares, threshold);
    await this.barrier.unseal(unsealKey);
    await this.postUnseal({ setup: true });
    const root = await this.tokens.create({
      ...(rootTokenId ? { id: rootTokenId } : {}),
      parent: '',
      policies: ['root'],
      path: 'auth/token/root',
      displayName: 'root',
      ttl: 0,
    });
    await this.preSeal();
    this.barrier.seal();
    return {
      keys: keyShares.map((k) => Buffer.from(k).toString('hex')),
      keysBase64: keyShares.map((k) => Buffer.from(k).toString('base64')),
      rootToken: root.id,
    };
  }

  /** sys/unseal with one share; returns whether the node is now unsealed. */
  async submitUnsealShare(share: Uint8Array): Promise<boolean> {
    const wasSealed = this.barrier.isSealed;
    const opened = await this.seal.submitShare(share);
    if (opened && wasSealed) await this.postUnseal({ setup: false });
    return opened;
  }

  async sealNode(): Promise<void> {
    if (this.barrier.isSealed) return;
    await this.preSeal();
    this.barrier.seal();
  }

  private async postUnseal(opts: { setup: boolean }): Promise<void> {
    await this.identity.load();
    await this.policies.ensureDefaults();
    await this.mounts.load(opts.setup);
    await this.mounts.loadAudit();
    await this.replication.load();
    const authMount = (accessor: string) => this.mounts.list('auth').find((e) => e.accessor === accessor);
    if (!this.replication.isSecondary) await this.lockout.removeStale(authMount);
    // issue 9: token keys are salted per cluster; a secondary takes the primary's salt.
    if (!this.replication.isSecondary) {
      await this.tokens.salt.ensure();
      await this.cubbyholes.migrate();
    }
    this.expiryTimer = setInterval(() => {
      void this.expireLeases().catch(() => undefined);
    }, 5_000);
    this.expiryTimer.unref();
  }

  private async preSeal(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    this.expiryTimer = undefined;
    await this.replication.stop();
    this.mounts.unload();
    this.tokens.salt.reset();
    await this.audit.closeAll();
  }

  /** Re-reads mounts, policies and audit devices from storage (a secondary that became standalone). */
  async reload(): Promise<void> {
    this.mounts.unload();
    this.tokens.salt.reset();
    await this.audit.closeAll();
    await this.identity.load();
    await this.policies.ensureDefaults();
    this.policies.clearCache();
    await this.mounts.load(false);
    await this.mounts.loadAudit();
  }

  async close(): Promise<void> {
    await this.sealNode();
    await this.physical.close();
  }

  /** Revokes tokens whose auth lease has expired. */
  async expireLeases(now = Date.now()): Promise<void> {
    // A DR secondary receives the primary's revocations; revoking here would fork its storage.
    if (this.barrier.isSealed || this.replication.isSecondary) return;
    for (const id of await this.leases.idsUnder('')) {
      const lease = await this.leases.get(id);
      if (!lease || lease.expireTime === 0 || lease.expireTime > now) continue;
      const entry = await this.tokens.lookup(lease.clientToken);
      if (entry) await this.tokens.revokeTree(entry);
      await this.leases.delete(id);
    }
  }

  // ---- the request pipeline -------------------------------------------------------------

  async handle(req: Request): Promise<Response | null> {
    const resolved = this.router.resolve(req.path);
    if (!resolved) {
      if (this.barrier.isSealed) throw (await this.isInitialized()) ? sealed() : notInitialized();
      throw noHandler(req.path);
    }
    const { route, relativePath } = resolved;
    // CheckToken's last use of a limited token: revoked once the request is done.
    let lastUse = false;
    // router.go routeCommon: the cubbyhole backend sees the token's salted cubbyhole id.
    const token = await this.cubbyholes.routedToken(route.mount.type, req.token);
    return dispatch(route, { ...req, token }, relativePath, {
      version: this.version,
      matched: (spec) => this.admissible(req, spec),
      // Vault's handleHelp: any valid token may read a path's declaration.
      help: async () => {
        if (!(req.token && (await this.tokens.lookup(req.token)))) throw permissionDenied();
      },
      admit: async (admission) => {
        const caller = await this.authorize(req, admission, route.backend).catch((error: unknown) =>
          auditRefusal(this, req, route.mount.type, error),
        );
        lastUse = caller.lastUse === true;
        return { ...admission.request, caller: { entry: caller.entry, acl: caller.acl } };
      },
      run: (call, admission) => this.run(req, route, admission, call, lastUse),
    });
  }

  /** Paths refused before any credential is looked at: sealed, DR secondary, wrapping there. */
  private admissible(req: Request, spec: PathSpec | null): void {
    if (this.barrier.isSealed && spec?.sealed !== 'allowed') throw sealed();
    if (!spec) return;
    if (this.replication.refusesClients && spec.drSecondary !== 'allowed') throw drPathDisabled();
    // A wrapping token is written to this cluster's storage, which on a DR secondary only replication changes.
    if (this.replication.isSecondary && req.wrapTTL && req.wrapTTL > 0)
      throw badRequest('response wrapping is disabled in replication DR secondary mode');
  }

  /** Around the handler: lockout, audit, synchronous replication, login, wrapping. */
  private async run(
    req: Request,
    route: RouteEntry,
    admission: Admission,
    call: () => Promise<Response | null>,
    lastUse: boolean,
  ): Promise<Response | null> {
    const { spec, fields } = admission;
    const caller = admission.request.caller ?? { entry: null, acl: null };
    // issue 9, router.go routeCommon: a batch token has no cubbyhole.
    if (route.mount.type === 'cubbyhole' && caller.entry?.type === 'batch') {
      throw badRequest("cubbyhole operations are only supported by 'service' type tokens");
    }
    if (spec.requiresWrapping && !(req.wrapTTL && req.wrapTTL > 0)) {
      throw badRequest('endpoint requires response wrapping to be used');
    }
    const auditAuth = caller.entry ? tokenAuditAuth(caller.entry) : undefined;
    const audited = this.audit.hasDevices() && !this.barrier.isSealed;
    if (audited) await this.audit.logRequest({ request: req, auth: auditAuth, mountType: route.mount.type });

    // issue 9: user lockout, checked before the credentials are (handleLoginRequest).
    const lock = spec.lockoutAlias ? this.lockout.subject(route.mount, spec.lockoutAlias(fields)) : undefined;
    let resp: Response | null;
    try {
      if (lock && (await this.lockout.isLocked(lock))) throw loginPermissionDenied();
      const writes = req.operation !== 'read' && req.operation !== 'list';
      resp = writes ? await this.replication.synchronous(call) : await call();
      if (resp?.login) resp = await completeLogin(this, req, resp, resp.login, route.ctx);
      if (resp && !resp.raw)
        resp = { ...resp, mountType: resp.mountType ?? route.mount.type, requestId: req.id };
      if (
        resp &&
        !resp.raw &&
        req.wrapTTL &&
        req.wrapTTL > 0 &&
        !(req.operation === 'list' && isEmptyList(resp))
      ) {
        resp = await this.wrapResponse(req, resp);
      }
    } catch (error) {
      if (lock && isHvrError(error) && error.code === 'HVR_INVALID_CREDENTIALS')
        await this.lockout.failed(lock);
      if (audited) {
        await this.audit.logResponse({
          request: req,
          auth: auditAuth,
          error: error instanceof Error ? error.message : String(error),
          mountType: route.mount.type,
        });
      }
      throw error;
    } finally {
      if (lastUse && caller.entry) await this.tokens.revokeTree(caller.entry);
    }
    if (lock) await this.lockout.succeeded(lock);
    if (audited) {
      await this.audit.logResponse({
        request: req,
        auth: auditAuth,
        response: resp,
        mountType: route.mount.type,
      });
    }
    return resp;
  }

  private async authorize(
    req: Request,
    admission: Admission,
    backend: Backend,
  ): Promise<{ entry: TokenEntry | null; acl: ACL | null; lastUse?: boolean }> {
    const { spec } = admission;
    const relativePath = admission.request.path;
    const need = spec.auth ?? 'token';
    if (need === 'dr-operation-token') {
      // The credential is the body's dr_operation_token, not a Vault token (reference 4).
      await this.replication.operationTokens.check(req.data.dr_operation_token, req.path);
      return { entry: null, acl: null };
    }
    const unauthenticated = need === 'none' || matchesSpecial(backend.unauthenticatedPaths, relativePath);
    if (unauthenticated) {
      if (req.token && !this.barrier.isSealed) {
        const entry = await this.tokens.lookup(req.token);
        return { entry, acl: entry ? await this.policies.aclFor(entry.policies) : null };
      }
      return { entry: null, acl: null };
    }
    if (!req.token) throw permissionDenied();
    const entry = await this.tokens.lookup(req.token);
    if (!entry || entry.numUses < 0) throw invalidToken();
    // issue 9, CheckToken: a token bound to CIDRs is refused from anywhere else.
    checkBoundCIDRs(req.remoteAddress, entry.boundCIDRs);
    const acl = await this.policies.aclFor(entry.policies);
    const operation = await admission.aclOperation();
    const result = acl.allowOperation(operation, req.path, req.data, {
      existenceKnown: spec.exists !== undefined,
      ...(req.wrapTTL ? { wrapTTL: req.wrapTTL } : {}),
    });
    if (!result.allowed) throw permissionDenied();
    const needsSudo = need === 'sudo' || matchesSpecial(backend.sudoPaths, relativePath);
    if (needsSudo && !result.rootPrivs) throw permissionDenied();
    const { lastUse } = await this.tokens.use(entry);
    // Vault's CheckToken hands on the entry UseToken returned: the use being spent is already
    // counted (lookup-self shows it, restricted-use checks see it); -1 marks the last use.
    const spent = entry.numUses > 0 ? { ...entry, numUses: lastUse ? -1 : entry.numUses - 1 } : entry;
    return { entry: spent, acl, lastUse };
  }

  /** Creates a token and, for service tokens that expire, its auth lease. */
  async issueToken(
    requestPath: string,
    opts: Omit<Parameters<TokenStore['create']>[0], 'path' | 'leaseIdFor'> & { parent: string },
  ): Promise<TokenEntry> {
    const entry = await this.tokens.create({
      ...opts,
      path: requestPath,
      leaseIdFor: (e, idKey) => (e.ttl > 0 ? `${requestPath}/${idKey.slice(0, 40)}` : ''),
    });
    if (entry.leaseId !== '') {
      const now = Date.now();
      await this.leases.put({
        leaseId: entry.leaseId,
        clientToken: entry.id,
        kind: 'auth',
        issueTime: now,
        expireTime: entry.expireTime,
        lastRenewalTime: now,
        renewable: entry.renewable,
      });
    }
    return entry;
  }

  authInfo(entry: TokenEntry): AuthInfo {
    return {
      clientToken: entry.id,
      accessor: entry.accessor,
      policies: [...entry.policies],
      tokenPolicies: [...entry.policies],
      metadata: entry.meta ? { ...entry.meta } : null,
      leaseDuration: entry.ttl,
      renewable: entry.renewable,
      entityId: entry.entityId,
      tokenType: entry.type,
      orphan: entry.parent === '',
      numUses: entry.numUses,
    };
  }

  private async wrapResponse(req: Request, resp: Response): Promise<Response> {
    const { info, warnings } = await this.wrapping.wrap(envelopeJson(resp, req.id, false), {
      ttl: req.wrapTTL ?? 0,
      path: req.path,
      ...(req.wrapFormat ? { format: req.wrapFormat } : {}),
      ...(resp.auth ? { wrappedAccessor: resp.auth.accessor } : {}),
    });
    return { wrapInfo: info, ...(warnings.length > 0 ? { warnings } : {}), requestId: '' };
  }

  /** Renews a token (auth/token/renew*, sys/leases/renew of auth leases). */
  async renewToken(entry: TokenEntry, increment: number): Promise<TokenEntry> {
    const renewed = await this.tokens.renew(entry, increment, SYSTEM_MAX_LEASE_TTL);
    if (renewed.leaseId !== '') {
      const lease = await this.leases.get(renewed.leaseId);
      if (lease)
        await this.leases.put({ ...lease, expireTime: renewed.expireTime, lastRenewalTime: Date.now() });
    }
    return renewed;
  }

  remainingTTL(entry: TokenEntry): number {
    return isRootEntry(entry) && entry.ttl === 0 ? 0 : remainingTTL(entry);
  }
}

const isEmptyList = (resp: Response): boolean => {
  const keys = resp.data?.keys;
  return !Array.isArray(keys) || keys.length === 0;
};
