import { randomBytes, randomUUID } from 'node:crypto';
import { systemBackend } from '../backends/sys/system.js';
import { tokenBackend } from '../backends/token/token.js';
import type { BackendCatalog } from '../logical/catalog.js';
import { badRequest, HvrError } from '../logical/errors.js';
import type { Backend, BackendContext, MountInfo } from '../logical/path-spec.js';
import { encodeJSON, readJSON, type StorageView, writeJSON } from '../logical/storage-view.js';
import { createFileAuditDevice } from './audit/file-device.js';
import type { Core } from './core.js';
import {
  type MountConfig,
  type MountEntry,
  routePrefix,
  SYSTEM_DEFAULT_LEASE_TTL,
  SYSTEM_MAX_LEASE_TTL,
  storagePrefix,
} from './mount-entry.js';
import { KEYS } from './storage-keys.js';

export interface AuditEntry {
  readonly path: string;
  readonly type: string;
  readonly description: string;
  readonly options: Record<string, string>;
  readonly local: boolean;
}

export interface EnableOptions {
  readonly table: 'mounts' | 'auth';
  readonly path: string;
  readonly type: string;
  readonly description?: string;
  readonly config?: Partial<MountConfig>;
  readonly options?: Record<string, string>;
  readonly local?: boolean;
  readonly sealWrap?: boolean;
}

const DEFAULT_CONFIG: MountConfig = { defaultLeaseTTL: 0, maxLeaseTTL: 0, forceNoCache: false };
/** Paths no user mount may take (Vault's protectedMounts and singleton mounts). */
const PROTECTED = ['sys/', 'auth/', 'cubbyhole/', 'identity/', 'audit/'];
// ---- issue 9: mount-type invariants (vault/mount.go, vault/auth.go) ----------------------
/** mount.go singletonMounts: types that exist once, set up by the core, never user-mounted. */
const SINGLETON_TYPES = ['cubbyhole', 'system', 'token', 'identity'];
/**
 * Whether a type belongs to a table's catalog: secrets engines to `mounts`, auth methods to
 * `auth`. Keeping the two apart stops `sys/mounts type=userpass` (an auth method reachable
 * outside sys/auth ACLs) and `sys/auth type=kv`, both of which Vault answers "plugin not found".
 * `system` and `token` are the core's own.
 */
function inCatalog(catalog: BackendCatalog, table: 'mounts' | 'auth', type: string): boolean {
  if (type === 'system') return table === 'mounts';
  if (type === 'token') return table === 'auth';
  const kind = catalog[type]?.kind;
  return kind !== undefined && (kind === 'secret') === (table === 'mounts');
}

/** The checks Vault's Core.mount / Core.enableCredential make before mountInternal. */
function checkMountable(catalog: BackendCatalog, table: 'mounts' | 'auth', path: string, type: string): void {
  if (table === 'mounts') {
    const protectedPrefix = PROTECTED.find((p) => path.startsWith(p));
    if (protectedPrefix) throw new HvrError('HVR_PERMISSION_DENIED', 403, `cannot mount "${path}"`);
    if (SINGLETON_TYPES.includes(type)) {
      throw new HvrError('HVR_PERMISSION_DENIED', 403, `mount type of "${type}" is not mountable`);
    }
  } else if (type === 'token') {
    throw badRequest('token credential backend cannot be instantiated');
  }
  if (!inCatalog(catalog, table, type)) throw badRequest(`plugin not found in the catalog: ${type}`);
}
// ---- end issue 9 -------------------------------------------------------------------------

/**
 * The mount tables (secrets engines and auth methods) and the audit table: persisted
 * in storage, instantiated into the router on unseal, torn down on seal.
 */
export class MountTable {
  private entries: MountEntry[] = [];
  private audits: AuditEntry[] = [];

  constructor(
    private readonly core: Core,
    private readonly catalog: BackendCatalog,
  ) {}

  /** sys/ is always routed, so sealed-allowed paths answer before unseal. */
  mountSystem(): void {
    const entry: MountEntry = {
      table: 'mounts',
      path: 'sys/',
      type: 'system',
      description: 'system endpoints used for control, policy and debugging',
      uuid: 'system',
      accessor: 'system_00000000',
      local: false,
      sealWrap: false,
      config: DEFAULT_CONFIG,
      options: {},
    };
    this.core.router.add(entry, systemBackend(this.core), this.contextFor(entry));
  }

  async load(setup: boolean): Promise<void> {
    const storage = this.core.root;
    const tables = await Promise.all(
      [KEYS.mounts, KEYS.localMounts, KEYS.authMounts, KEYS.localAuthMounts].map(
        async (key) => (await readJSON<MountEntry[]>(storage, key)) ?? [],
      ),
    );
    this.entries = tables.flat();
    if (setup || this.entries.length === 0) {
      if (!this.entries.some((e) => e.table === 'mounts' && e.path === 'cubbyhole/')) {
        this.entries.push(
          this.newEntry({
            table: 'mounts',
            path: 'cubbyhole/',
            type: 'cubbyhole',
            local: true,
            description: 'per-token private secret storage',
          }),
        );
      }
      if (!this.entries.some((e) => e.table === 'auth' && e.path === 'token/')) {
        this.entries.push(
          this.newEntry({
            table: 'auth',
            path: 'token/',
            type: 'token',
            description: 'token based credentials',
          }),
        );
      }
      await this.persist();
    }
    // issue 9: a row in the wrong catalog (written before the check existed) stays in the
    // table, so it can be disabled, but is never routed.
    for (const entry of this.entries)
      if (inCatalog(this.catalog, entry.table, entry.type)) await this.activate(entry);
  }

  unload(): void {
    for (const route of this.core.router.all()) {
      if (route.mount.type !== 'system') this.core.router.remove(route.prefix);
    }
    for (const entry of this.entries) this.core.classifier.removeLocalPrefix(storagePrefix(entry));
    this.entries = [];
    this.audits = [];
  }

  list(table: 'mounts' | 'auth'): MountEntry[] {
    const own = this.entries.filter((e) => e.table === table);
    if (table === 'mounts') {
      const sys = this.core.router.get('sys/')?.mount;
      if (sys) own.push(sys);
    }
    return own.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  find(table: 'mounts' | 'auth', path: string): MountEntry | undefined {
    const normalized = normalizeMountPath(path);
    return this.list(table).find((e) => e.path === normalized);
  }

  async enable(opts: EnableOptions): Promise<MountEntry> {
    const path = normalizeMountPath(opts.path);
    if (path === '/' || path === '') throw badRequest('path cannot be empty');
    const entry = this.newEntry({ ...opts, path });
    const prefix = routePrefix(entry);
    checkMountable(this.catalog, opts.table, entry.path, entry.type);
    const conflict = this.core.router.conflicts(prefix);
    if (conflict) {
      // mount.go: an entry of the same table that contains (or is contained in) the new path
      // is `path is already in use at <its path>`; any other router conflict `existing mount at`.
      throw badRequest(
        conflict.mount.table === opts.table
          ? `path is already in use at ${conflict.mount.path}`
          : `existing mount at ${conflict.prefix}`,
      );
    }
    this.backendFor(entry);
    this.entries.push(entry);
    await this.persist();
    await this.activate(entry);
    return entry;
  }

  async disable(table: 'mounts' | 'auth', path: string): Promise<void> {
    const normalized = normalizeMountPath(path);
    // issue 9: mount.go unmount refuses protected paths (sys/ included, which is not in
    // `entries`); auth.go disableCredential refuses the token store.
    if (
      table === 'mounts' &&
      this.find('mounts', normalized) &&
      PROTECTED.some((p) => normalized.startsWith(p))
    ) {
      throw badRequest(`cannot unmount "${normalized}"`);
    }
    const entry = this.entries.find((e) => e.table === table && e.path === normalized);
    if (!entry) return;
    if (entry.type === 'token') throw badRequest('token credential backend cannot be disabled');
    if (entry.type === 'cubbyhole' || entry.type === 'system') {
      throw badRequest(`cannot unmount "${normalized}"`);
    }
    const route = this.core.router.get(routePrefix(entry));
    if (route?.backend.cleanup) await route.backend.cleanup(route.ctx);
    for (const leaseId of await this.core.leases.idsUnder(routePrefix(entry))) {
      const lease = await this.core.leases.get(leaseId);
      const token = lease ? await this.core.tokens.lookup(lease.clientToken) : null;
      if (token) await this.core.tokens.revokeTree(token);
      await this.core.leases.delete(leaseId);
    }
    this.core.router.remove(routePrefix(entry));
    this.entries = this.entries.filter((e) => e !== entry);
    await this.persist();
    const view = this.core.root.sub(storagePrefix(entry));
    const keys = await view.scan('');
    await view.transaction((tx) => {
      for (const key of keys) tx.delete(key);
    });
    this.core.classifier.removeLocalPrefix(storagePrefix(entry));
  }

  /**
   * sys/remount: moves a mount to another path, its storage (kept by uuid) untouched. Leases
   * under the old path are revoked first, as Vault's moveMount does.
   */
  async remount(table: 'mounts' | 'auth', from: string, to: string): Promise<MountEntry> {
    const source = normalizeMountPath(from);
    const target = normalizeMountPath(to);
    const index = this.entries.findIndex((e) => e.table === table && e.path === source);
    const current = this.entries[index];
    if (!current) throw badRequest(`no matching mount at "${table === 'auth' ? 'auth/' : ''}${source}"`);
    if (
      ['cubbyhole', 'token', 'system'].includes(current.type) ||
      (table === 'mounts' && current.type === 'identity')
    )
      throw badRequest(`cannot remount "${source}"`);
    const moved: MountEntry = { ...current, path: target };
    const prefix = routePrefix(moved);
    if (table === 'mounts' && PROTECTED.some((p) => prefix.startsWith(p))) {
      throw badRequest(`cannot remount to destination "${target}"`);
    }
    const conflict = this.core.router.conflicts(prefix);
    if (conflict && conflict.mount !== current)
      throw badRequest(`path already in use at "${conflict.prefix}"`);
    for (const leaseId of await this.core.leases.idsUnder(routePrefix(current))) {
      const lease = await this.core.leases.get(leaseId);
      const token = lease ? await this.core.tokens.lookup(lease.clientToken) : null;
      if (token) await this.core.tokens.revokeTree(token);
      await this.core.leases.delete(leaseId);
    }
    this.entries[index] = moved;
    await this.persist();
    this.core.router.remove(routePrefix(current));
    await this.activate(moved);
    return moved;
  }

  async tune(
    table: 'mounts' | 'auth',
    path: string,
    config: Partial<MountConfig>,
    options?: Record<string, string>,
    description?: string,
  ): Promise<MountEntry> {
    const normalized = normalizeMountPath(path);
    const index = this.entries.findIndex((e) => e.table === table && e.path === normalized);
    const current = this.entries[index];
    if (!current) throw badRequest(`cannot tune '${normalized}': no mount at this path`);
    const updated: MountEntry = {
      ...current,
      config: { ...current.config, ...config },
      options: { ...current.options, ...(options ?? {}) },
      description: description ?? current.description,
    };
    this.entries[index] = updated;
    await this.persist();
    this.core.router.remove(routePrefix(current));
    await this.activate(updated);
    return updated;
  }

  /** The cubbyhole mount's storage; each token's entries sit under its cubbyhole id. */
  cubbyholeStorage(): StorageView | null {
    const entry = this.entries.find((e) => e.type === 'cubbyhole');
    return entry ? this.core.root.sub(storagePrefix(entry)) : null;
  }

  // ---- audit devices --------------------------------------------------------------------

  async loadAudit(): Promise<void> {
    const storage = this.core.root;
    this.audits = [
      ...((await readJSON<AuditEntry[]>(storage, KEYS.audit)) ?? []),
      ...((await readJSON<AuditEntry[]>(storage, KEYS.localAudit)) ?? []),
    ];
    for (const entry of this.audits) {
      const salt = await this.auditSalt(entry.path);
      this.core.audit.register(
        entry.path,
        createFileAuditDevice({ path: entry.path, options: entry.options, salt }),
      );
    }
  }

  listAudit(): AuditEntry[] {
    return [...this.audits].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async enableAudit(entry: AuditEntry): Promise<void> {
    if (entry.type !== 'file') throw badRequest(`unknown backend type: "${entry.type}"`);
    if (this.audits.some((a) => a.path === entry.path)) throw badRequest(`path already in use`);
    const salt = await this.auditSalt(entry.path);
    const device = createFileAuditDevice({ path: entry.path, options: entry.options, salt });
    this.audits.push(entry);
    await this.persistAudit();
    this.core.audit.register(entry.path, device);
  }

  async disableAudit(path: string): Promise<void> {
    const normalized = normalizeMountPath(path);
    if (!this.audits.some((a) => a.path === normalized)) return;
    this.audits = this.audits.filter((a) => a.path !== normalized);
    await this.persistAudit([`${KEYS.auditSaltPrefix}${normalized}`]);
    await this.core.audit.deregister(normalized);
  }

  async auditSalt(path: string): Promise<string> {
    const key = `${KEYS.auditSaltPrefix}${path}`;
    const existing = await readJSON<{ salt: string }>(this.core.root, key);
    if (existing) return existing.salt;
    const salt = randomUUID();
    await writeJSON(this.core.root, key, { salt });
    return salt;
  }

  // ---- internals ------------------------------------------------------------------------

  private newEntry(opts: EnableOptions): MountEntry {
    const { type, options } = normalizeType(opts.type, opts.options ?? {});
    return {
      table: opts.table,
      path: normalizeMountPath(opts.path),
      type,
      description: opts.description ?? '',
      uuid: randomUUID(),
      accessor: `${type}_${randomBytes(4).toString('hex')}`,
      local: opts.local ?? false,
      sealWrap: opts.sealWrap ?? false,
      config: { ...DEFAULT_CONFIG, ...(opts.config ?? {}) },
      options,
    };
  }

  private async activate(entry: MountEntry): Promise<void> {
    const backend = this.backendFor(entry);
    const ctx = this.contextFor(entry);
    if (entry.local) this.core.classifier.addLocalPrefix(storagePrefix(entry));
    for (const local of backend.localStoragePrefixes ?? []) {
      this.core.classifier.addLocalPrefix(`${storagePrefix(entry)}${local}`);
    }
    this.core.router.add(entry, backend, ctx);
    if (backend.initialize) await backend.initialize(ctx);
  }

  private contextFor(entry: MountEntry): BackendContext {
    const mount: MountInfo = {
      path: entry.path,
      type: entry.type,
      uuid: entry.uuid,
      accessor: entry.accessor,
      local: entry.local,
      options: entry.options,
      defaultLeaseTTL: entry.config.defaultLeaseTTL,
      maxLeaseTTL: entry.config.maxLeaseTTL,
    };
    return {
      storage: this.core.root.sub(storagePrefix(entry)),
      mount,
      system: {
        defaultLeaseTTL: () => {
          const ttl =
            entry.config.defaultLeaseTTL > 0 ? entry.config.defaultLeaseTTL : SYSTEM_DEFAULT_LEASE_TTL;
          return Math.min(ttl, this.maxTTL(entry));
        },
        maxLeaseTTL: () => this.maxTTL(entry),
      },
    };
  }

  private maxTTL(entry: MountEntry): number {
    return entry.config.maxLeaseTTL > 0 ? entry.config.maxLeaseTTL : SYSTEM_MAX_LEASE_TTL;
  }

  private backendFor(entry: MountEntry): Backend {
    // issue 9: a type is only ever served from its own catalog (see inCatalog).
    if (!inCatalog(this.catalog, entry.table, entry.type))
      throw badRequest(`plugin not found in the catalog: ${entry.type}`);
    if (entry.type === 'token') return tokenBackend(this.core);
    if (entry.type === 'system') return systemBackend(this.core);
    const factory = this.catalog[entry.type];
    if (!factory) throw badRequest(`plugin not found in the catalog: ${entry.type}`);
    return factory.create(entry.options);
  }

  private async persist(): Promise<void> {
    const storage = this.core.root;
    const pick = (table: 'mounts' | 'auth', local: boolean) =>
      this.entries.filter((e) => e.table === table && e.local === local);
    await storage.transaction((tx) => {
      const put = (key: string, value: unknown) =>
        tx.put(key, new TextEncoder().encode(JSON.stringify(value)));
      put(KEYS.mounts, pick('mounts', false));
      put(KEYS.localMounts, pick('mounts', true));
      put(KEYS.authMounts, pick('auth', false));
      put(KEYS.localAuthMounts, pick('auth', true));
    });
  }

  /**
   * The replicated and the local audit table (and, on disable, the device's salt) in one
   * storage transaction, so a crash cannot leave the two tables disagreeing.
   */
  private async persistAudit(alsoDelete: readonly string[] = []): Promise<void> {
    await this.core.root.transaction((tx) => {
      tx.put(KEYS.audit, encodeJSON(this.audits.filter((a) => !a.local)));
      tx.put(KEYS.localAudit, encodeJSON(this.audits.filter((a) => a.local)));
      for (const key of alsoDelete) tx.delete(key);
    });
  }
}

export const normalizeMountPath = (path: string): string => {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '' : `${trimmed}/`;
};

/** `kv-v2` is Vault's alias for `kv` with version 2. */
function normalizeType(
  type: string,
  options: Record<string, string>,
): { type: string; options: Record<string, string> } {
  if (type === 'kv-v2') return { type: 'kv', options: { ...options, version: '2' } };
  if (type === 'kv-v1') return { type: 'kv', options: { ...options, version: '1' } };
  if (type === 'kv' && options.version === undefined) return { type, options: { ...options, version: '1' } };
  return { type, options };
}
