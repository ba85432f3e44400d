import type { Core } from '../../core/core.js';
import type { MountConfig, MountEntry } from '../../core/mount-entry.js';
import { parseDurationSeconds } from '../../gocompat/duration.js';
import { badRequest, HvrError, loginPermissionDenied } from '../../logical/errors.js';
import type { Fields } from '../../logical/fields.js';
import type { PathSpec } from '../../logical/path-spec.js';
import { renderLockout, tuneLockout } from './lockout-tune.js';

const BUILTIN_VERSION = 'v1.18.3+builtin.vault';

export function renderMount(entry: MountEntry): Record<string, unknown> {
  return {
    accessor: entry.accessor,
    config: {
      default_lease_ttl: entry.config.defaultLeaseTTL,
      force_no_cache: entry.config.forceNoCache,
      max_lease_ttl: entry.config.maxLeaseTTL,
      ...(entry.config.userLockout ? { user_lockout_config: renderLockout(entry.config.userLockout) } : {}),
    },
    description: entry.description,
    external_entropy_access: false,
    local: entry.local,
    options: entry.type === 'kv' || Object.keys(entry.options).length > 0 ? entry.options : null,
    plugin_version: '',
    running_plugin_version: BUILTIN_VERSION,
    running_sha256: '',
    seal_wrap: entry.sealWrap,
    type: entry.type,
    uuid: entry.uuid,
  };
}

const renderTune = (entry: MountEntry): Record<string, unknown> => ({
  default_lease_ttl: entry.config.defaultLeaseTTL || 2764800,
  max_lease_ttl: entry.config.maxLeaseTTL || 2764800,
  force_no_cache: entry.config.forceNoCache,
  description: entry.description,
  ...(Object.keys(entry.options).length > 0 ? { options: entry.options } : {}),
  ...(entry.config.userLockout ? renderLockout(entry.config.userLockout) : {}),
});

function configFrom(value: Record<string, unknown> | undefined): Partial<MountConfig> {
  if (!value) return {};
  const config: { -readonly [K in keyof MountConfig]?: MountConfig[K] } = {};
  const duration = (key: string): number | undefined => {
    const raw = value[key];
    if (raw === undefined || raw === '' || raw === 'system') return undefined;
    try {
      return parseDurationSeconds(raw);
    } catch (error) {
      throw badRequest(`invalid ${key}: ${(error as Error).message}`);
    }
  };
  const defaultTTL = duration('default_lease_ttl');
  const maxTTL = duration('max_lease_ttl');
  if (defaultTTL !== undefined) config.defaultLeaseTTL = defaultTTL;
  if (maxTTL !== undefined) config.maxLeaseTTL = maxTTL;
  if (value.force_no_cache !== undefined)
    config.forceNoCache = value.force_no_cache === true || value.force_no_cache === 'true';
  return config;
}

function stringMap(value: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value ?? {})) out[k] = String(v);
  return out;
}

function tableSpecs(core: Core, table: 'mounts' | 'auth'): PathSpec[] {
  const noun = table === 'mounts' ? 'secrets engine' : 'auth method';
  const enableFields = {
    type: { type: 'string' as const },
    description: { type: 'string' as const },
    config: { type: 'map' as const },
    options: { type: 'map' as const },
    local: { type: 'bool' as const },
    seal_wrap: { type: 'bool' as const },
    plugin_name: { type: 'string' as const },
    plugin_version: { type: 'string' as const },
    external_entropy_access: { type: 'bool' as const },
  };
  const listAll = async () => {
    const data: Record<string, unknown> = {};
    for (const entry of core.mounts.list(table)) data[entry.path] = renderMount(entry);
    return { data };
  };
  const tune = async (path: string, fields: Fields) => {
    const config = configFrom({
      default_lease_ttl: fields.raw.default_lease_ttl,
      max_lease_ttl: fields.raw.max_lease_ttl,
    });
    const options = fields.map('options');
    const lockout = fields.map('user_lockout_config');
    const entry = core.mounts.find(table, path);
    const userLockout =
      entry && lockout && Object.keys(lockout).length > 0 ? tuneLockout(entry, lockout) : undefined;
    await core.mounts.tune(
      table,
      path,
      { ...config, ...(userLockout ? { userLockout } : {}) },
      options ? stringMap(options) : undefined,
      fields.string('description'),
    );
    return null;
  };
  const readTune = (path: string) => {
    const entry = core.mounts.find(table, path);
    if (!entry) throw badRequest(`cannot fetch sysview for path "${path}"`);
    return { data: renderTune(entry) };
  };
  return [
    { pattern: table, synopsis: `Lists the ${noun}s.`, ops: { read: listAll } },
    {
      pattern: `${table}/*path/tune`,
      synopsis: `Tunes a ${noun}.`,
      fields: {
        default_lease_ttl: { type: 'raw' },
        max_lease_ttl: { type: 'raw' },
        description: { type: 'string' },
        options: { type: 'map' },
        user_lockout_config: { type: 'map' },
        path: { type: 'string' },
      },
      ops: {
        read: async (_req, fields) => readTune(fields.requiredString('path')),
        update: async (_req, fields) => tune(fields.requiredString('path'), fields),
      },
    },
    {
      pattern: `${table}/*path`,
      synopsis: `Enables, reads or disables a ${noun}.`,
      fields: { ...enableFields, path: { type: 'string' } },
      ops: {
        read: async (_req, fields) => {
          const entry = core.mounts.find(table, fields.requiredString('path'));
          return entry ? { data: renderMount(entry) } : null;
        },
        update: async (_req, fields) => {
          const given = fields.string('type') || fields.string('plugin_name');
          if (!given) throw badRequest('plugin not found in the catalog: ');
          // Vault still accepts the pre-0.8 name of the KV engine and mounts kv.
          const type = table === 'mounts' && given === 'generic' ? 'kv' : given;
          await core.mounts.enable({
            table,
            path: fields.requiredString('path'),
            type,
            description: fields.string('description') ?? '',
            config: configFrom(fields.map('config')),
            options: stringMap(fields.map('options')),
            local: fields.bool('local') ?? false,
            sealWrap: fields.bool('seal_wrap') ?? false,
          });
          return null;
        },
        delete: async (_req, fields) => {
          await core.mounts.disable(table, fields.requiredString('path'));
          return null;
        },
      },
    },
  ];
}

export function mountPaths(core: Core): PathSpec[] {
  return [
    ...tableSpecs(core, 'mounts'),
    ...tableSpecs(core, 'auth'),
    {
      pattern: 'internal/ui/mounts/*path',
      auth: 'none',
      synopsis: 'Information about the mount a path is under (used by the kv commands).',
      fields: { path: { type: 'string' } },
      ops: {
        read: async (req, fields) => {
          // issue 9, logical_system.go pathInternalUIMountRead: only a token that can reach
          // something under the mount learns about it; unknown paths answer the same 403, so
          // the endpoint cannot be used to list mounts.
          const path = `${fields.requiredString('path').replace(/^\/+/, '').replace(/\/+$/, '')}/`;
          const acl = req.caller?.acl ?? null;
          if (!acl) throw loginPermissionDenied();
          const denied = new HvrError(
            'HVR_PERMISSION_DENIED',
            403,
            `preflight capability check returned 403, please ensure client's policies grant access to path "${path}"`,
          );
          const resolved = core.router.resolve(path);
          if (!resolved) throw denied;
          if (!acl.hasMountAccess(resolved.route.prefix)) throw denied;
          if (resolved.route.mount.type === 'system') return null;
          const mount = resolved.route.mount;
          return {
            data: {
              ...renderMount(mount),
              path: mount.table === 'auth' ? `auth/${mount.path}` : mount.path,
            },
          };
        },
      },
    },
  ];
}
