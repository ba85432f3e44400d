import { createHash } from 'node:crypto';
import {
  decodeJSON,
  encodeJSON,
  readJSON,
  type StorageView,
  type ViewTxn,
} from '../../logical/storage-view.js';

/**
 * KV v2 storage layout under the mount's view, all JSON:
 *   config                      → KvConfig
 *   metadata/<key>              → KeyMetadata (raw key, so a one-level list gives `foo`, `bar/`)
 *   versions/<sha256(key)>/<n>  → StoredVersion (hashed, so `foo` and `foo/1` never collide)
 * Times are epoch milliseconds; durations are whole seconds.
 */
export const CONFIG_KEY = 'config';
export const METADATA_PREFIX = 'metadata/';
export const metadataKey = (key: string): string => `${METADATA_PREFIX}${key}`;
export const versionKey = (key: string, version: number): string => `versions/${hashedKey(key)}/${version}`;

/** sha256(key) in hex, remembered for recently used keys (every read and write needs it). */
const hashedKeys = new Map<string, string>();
const HASHED_KEYS_MAX = 4096;

function hashedKey(key: string): string {
  let hex = hashedKeys.get(key);
  if (hex === undefined) {
    hex = createHash('sha256').update(key).digest('hex');
    if (hashedKeys.size >= HASHED_KEYS_MAX) hashedKeys.clear();
    hashedKeys.set(key, hex);
  }
  return hex;
}

/** Vault's default when neither the key nor the mount sets max_versions. */
export const DEFAULT_MAX_VERSIONS = 10;
/** delete_version_after on the config: -1 s disables it on every key (Vault's `disabled`). */
export const DELETE_VERSION_AFTER_DISABLED = -1;

export interface KvConfig {
  maxVersions: number;
  casRequired: boolean;
  /** Seconds; 0 unset, -1 disabled. */
  deleteVersionAfter: number;
}

export interface VersionMetadata {
  created: number;
  /** Soft-delete time; may lie in the future when delete_version_after is set. */
  deleted: number | null;
  destroyed: boolean;
}

export interface KeyMetadata {
  key: string;
  versions: Record<string, VersionMetadata>;
  currentVersion: number;
  oldestVersion: number;
  created: number;
  updated: number;
  maxVersions: number;
  casRequired: boolean;
  /** Seconds; 0 unset. */
  deleteVersionAfter: number;
  /** null when none (Vault's stored proto turns an empty map into nil). */
  customMetadata: Record<string, string> | null;
}

export interface StoredVersion {
  data: Record<string, unknown>;
  created: number;
}

export const defaultConfig = (): KvConfig => ({ maxVersions: 0, casRequired: false, deleteVersionAfter: 0 });

export const newMetadata = (key: string, now: number | null = null): KeyMetadata => ({
  key,
  versions: {},
  currentVersion: 0,
  oldestVersion: 0,
  created: now ?? 0,
  updated: now ?? 0,
  maxVersions: 0,
  casRequired: false,
  deleteVersionAfter: 0,
  customMetadata: null,
});

export async function loadConfig(storage: StorageView): Promise<KvConfig> {
  return (await readJSON<KvConfig>(storage, CONFIG_KEY)) ?? defaultConfig();
}

export const loadMetadata = (storage: StorageView, key: string): Promise<KeyMetadata | null> =>
  readJSON<KeyMetadata>(storage, metadataKey(key));

export const loadVersion = (
  storage: StorageView,
  key: string,
  version: number,
): Promise<StoredVersion | null> => readJSON<StoredVersion>(storage, versionKey(key, version));

/** Synchronous access inside a storage transaction, where every KV v2 mutation runs. */
export function txGet<T>(tx: ViewTxn, key: string): T | null {
  const bytes = tx.get(key);
  return bytes === null ? null : decodeJSON<T>(bytes);
}

export function txPut(tx: ViewTxn, key: string, value: unknown): void {
  tx.put(key, encodeJSON(value));
}

export const txConfig = (tx: ViewTxn): KvConfig => txGet<KvConfig>(tx, CONFIG_KEY) ?? defaultConfig();

export const txMetadata = (tx: ViewTxn, key: string): KeyMetadata | null =>
  txGet<KeyMetadata>(tx, metadataKey(key));

export function txPutMetadata(tx: ViewTxn, meta: KeyMetadata): void {
  const custom =
    meta.customMetadata && Object.keys(meta.customMetadata).length > 0 ? meta.customMetadata : null;
  txPut(tx, metadataKey(meta.key), { ...meta, customMetadata: custom });
}

/**
 * A version is unreadable once its deletion time has come. Vault compares with `Before(now)`
 * at nanosecond precision; at millisecond precision "equal" must count, or a read in the same
 * millisecond as the delete would still see the data.
 */
export const isDeleted = (vm: VersionMetadata, now: number): boolean =>
  vm.deleted !== null && vm.deleted <= now;
