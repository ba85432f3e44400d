import { badRequest } from '../../core/errors.js';
import { readJSON, writeJSON } from '../../core/storage-view.js';
import type { SecondaryKeyPair } from '../activation/sealed-bundle.js';
import type { SecondaryContact } from '../primary-service.js';
import type { DrPrimaryState, DrState } from '../replication-state.js';
import type { ReplicationHost } from './host.js';
import type { ReplicationMode } from './mode.js';

/** The node's persisted replication role, and the node-class records that go with it. */
export class RoleStore {
  private current: DrState = { mode: 'disabled' };

  constructor(
    private readonly host: ReplicationHost,
    private readonly mode: ReplicationMode,
  ) {}

  get state(): DrState {
    return this.current;
  }

  async load(): Promise<DrState> {
    this.current = (await readJSON<DrState>(this.host.root, this.mode.keys.state)) ?? { mode: 'disabled' };
    return this.current;
  }

  async save(state: DrState): Promise<void> {
    await writeJSON(this.host.root, this.mode.keys.state, state);
    this.current = state;
  }

  requirePrimary(): DrPrimaryState {
    if (this.current.mode !== 'primary')
      throw badRequest(
        `this cluster is not a ${this.label} primary: enable it with sys/replication/${this.mode.name}/primary/enable first`,
      );
    return this.current;
  }

  /** "DR" or "performance", as the error texts name the mode. */
  get label(): string {
    return this.mode.name === 'dr' ? 'DR' : 'performance';
  }

  /** The last heartbeat of each secondary, as any process of this cluster stored it. */
  async storedContacts(): Promise<Record<string, SecondaryContact>> {
    return (await readJSON<Record<string, SecondaryContact>>(this.host.root, this.mode.keys.contacts)) ?? {};
  }

  async storeContacts(contacts: ReadonlyMap<string, SecondaryContact>): Promise<void> {
    await writeJSON(this.host.root, this.mode.keys.contacts, Object.fromEntries(contacts));
  }

  /** The key pair of generate-public-key, kept until an encrypted token is used with it. */
  secondaryKey(): Promise<SecondaryKeyPair | null> {
    return readJSON<SecondaryKeyPair>(this.host.root, this.mode.keys.secondaryKey);
  }

  async storeSecondaryKey(pair: SecondaryKeyPair): Promise<void> {
    await writeJSON(this.host.root, this.mode.keys.secondaryKey, pair);
  }
}
