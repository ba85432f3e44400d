import { goSprint } from '../../output/go-sprint.js';
import { sortGoStrings } from '../../output/go-strings.js';
import { type GoStruct, goStruct, isGoMap } from '../../output/go-value.js';

/** One entry of `sys/mounts` or `sys/auth`, decoded as Vault's api.MountOutput (zero values for gaps). */
export interface MountOutput {
  readonly uuid: string;
  readonly type: string;
  readonly description: string;
  readonly accessor: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly options: Readonly<Record<string, unknown>> | null;
  readonly local: boolean;
  readonly sealWrap: boolean;
  readonly externalEntropyAccess: boolean;
  readonly pluginVersion: string;
  readonly runningVersion: string;
  readonly runningSha256: string;
  readonly deprecationStatus: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bool = (v: unknown): boolean => v === true;
const int = (v: unknown): number => (typeof v === 'number' ? Math.trunc(v) : 0);

export function decodeMounts(data: Readonly<Record<string, unknown>>): Map<string, MountOutput> {
  const out = new Map<string, MountOutput>();
  for (const path of sortGoStrings(Object.keys(data))) {
    const m = data[path];
    if (!isGoMap(m)) continue;
    out.set(path, {
      uuid: str(m.uuid),
      type: str(m.type),
      description: str(m.description),
      accessor: str(m.accessor),
      config: isGoMap(m.config) ? m.config : {},
      options: isGoMap(m.options) ? m.options : null,
      local: bool(m.local),
      sealWrap: bool(m.seal_wrap),
      externalEntropyAccess: bool(m.external_entropy_access),
      pluginVersion: str(m.plugin_version),
      runningVersion: str(m.running_plugin_version),
      runningSha256: str(m.running_sha256),
      deprecationStatus: str(m.deprecation_status),
    });
  }
  return out;
}

/** `calcTTL`: blank for system and cubbyhole, seconds when set, else "system". */
function calcTTL(type: string, ttl: number): string {
  if (type === 'system' || type === 'cubbyhole') return '';
  return ttl !== 0 ? String(ttl) : 'system';
}

/** The table lines of `vault secrets list` / `vault auth list` (header first, `|`-separated). */
export function mountTableLines(
  mounts: ReadonlyMap<string, MountOutput>,
  kind: 'secrets' | 'auth',
  detailed: boolean,
): string[] {
  if (!detailed) {
    const header =
      kind === 'secrets'
        ? 'Path | Type | Accessor | Description'
        : 'Path | Type | Accessor | Description | Version';
    const rows = [...mounts].map(([path, m]) =>
      [path, m.type, m.accessor, m.description, ...(kind === 'auth' ? [m.pluginVersion] : [])].join(' | '),
    );
    return [header, ...rows];
  }
  const fifth = kind === 'secrets' ? 'Force No Cache' : 'Token Type';
  const header = `Path | Plugin | Accessor | Default TTL | Max TTL | ${fifth} | Replication | Seal Wrap | External Entropy Access | Options | Description | UUID | Version | Running Version | Running SHA256 | Deprecation Status`;
  const rows = [...mounts].map(([path, m]) =>
    [
      path,
      m.type,
      m.accessor,
      calcTTL(m.type, int(m.config.default_lease_ttl)),
      calcTTL(m.type, int(m.config.max_lease_ttl)),
      kind === 'secrets' ? String(bool(m.config.force_no_cache)) : str(m.config.token_type),
      m.local ? 'local' : 'replicated',
      String(m.sealWrap),
      String(m.externalEntropyAccess),
      goSprint(m.options ?? {}),
      m.description,
      m.uuid,
      m.pluginVersion,
      m.runningVersion,
      m.runningSha256,
      m.deprecationStatus,
    ].join(' | '),
  );
  return [header, ...rows];
}

/** api.MountConfigOutput's omitempty fields, in declared order. */
const OPTIONAL_CONFIG = [
  'audit_non_hmac_request_keys',
  'audit_non_hmac_response_keys',
  'listing_visibility',
  'passthrough_request_headers',
  'allowed_response_headers',
  'token_type',
  'allowed_managed_keys',
  'user_lockout_config',
] as const;

const isEmptyValue = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

function configDocument(config: Readonly<Record<string, unknown>>): GoStruct {
  const fields: [string, unknown][] = [
    ['default_lease_ttl', int(config.default_lease_ttl)],
    ['max_lease_ttl', int(config.max_lease_ttl)],
    ['force_no_cache', bool(config.force_no_cache)],
  ];
  for (const key of OPTIONAL_CONFIG) if (!isEmptyValue(config[key])) fields.push([key, config[key]]);
  return goStruct(fields);
}

/** The `-format=json|yaml` document: path → api.MountOutput, fields in Go's declared order. */
export function mountsDocument(mounts: ReadonlyMap<string, MountOutput>): Record<string, GoStruct> {
  const doc: Record<string, GoStruct> = {};
  for (const [path, m] of mounts) {
    doc[path] = goStruct([
      ['uuid', m.uuid],
      ['type', m.type],
      ['description', m.description],
      ['accessor', m.accessor],
      ['config', configDocument(m.config)],
      ['options', m.options],
      ['local', m.local],
      ['seal_wrap', m.sealWrap],
      ['external_entropy_access', m.externalEntropyAccess],
      ['plugin_version', m.pluginVersion],
      ['running_plugin_version', m.runningVersion],
      ['running_sha256', m.runningSha256],
      ['deprecation_status', m.deprecationStatus],
    ]);
  }
  return doc;
}
