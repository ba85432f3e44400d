import { randomBytes, randomUUID } from 'node:crypto';
import { readJSON, type StorageView, writeJSON } from '../logical/storage-view.js';
import { KEYS } from './storage-keys.js';

interface ClusterInfo {
  readonly name: string;
  readonly id: string;
}

/** The cluster's name and id, made once at first unseal (Vault's `vault-cluster-xxxxxxxx`). */
export class ClusterIdentity {
  private info: ClusterInfo | null = null;

  constructor(private readonly storage: StorageView) {}

  async load(): Promise<ClusterInfo> {
    let info = await readJSON<ClusterInfo>(this.storage, KEYS.clusterInfo);
    if (!info) {
      info = { name: `vault-cluster-${randomBytes(4).toString('hex')}`, id: randomUUID() };
      await writeJSON(this.storage, KEYS.clusterInfo, info);
    }
    this.info = info;
    return info;
  }

  /** Empty while sealed, as Vault omits them. */
  get name(): string {
    return this.info?.name ?? '';
  }

  get id(): string {
    return this.info?.id ?? '';
  }
}
