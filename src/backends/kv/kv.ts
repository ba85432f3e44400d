import type { Backend } from '../../logical/path-spec.js';
import { kvV1Backend } from './v1.js';
import { kvV2Backend } from './v2.js';

/** The mount type of both KV versions, as `sys/mounts` shows it. */
export const kvMountType = 'kv';

/** Vault picks the KV flavour from the mount option `version`: "2" is versioned, anything else v1. */
export const kvBackendFor = (options: Readonly<Record<string, string>>): Backend =>
  options.version === '2' ? kvV2Backend : kvV1Backend;
