import type { Core } from '../core/core.js';
import { coreHost } from './engine/core-host.js';
import { ReplicationEngine } from './engine/engine.js';
import type { ReplicationMode } from './engine/mode.js';
import { DR_STATE_KEY, MODE_DR_SECONDARY } from './replication-state.js';

/** DR replication: everything but node-class entries ships; the secondary serves no clients. */
export const DR_MODE: ReplicationMode = {
  name: 'dr',
  secondaryBit: MODE_DR_SECONDARY,
  shipped: new Set(['replicated', 'local']),
  secondaryTakesSealKeys: true,
  secondaryServesClients: false,
  replicatesTokens: true,
  keys: {
    state: DR_STATE_KEY,
    secondaryKey: 'core/replication/dr-secondary-key',
    contacts: 'core/replication/dr-contacts',
  },
  tokenPath: 'sys/replication/dr/primary/secondary-token',
};

/** The factory the server and the embedded node hand the core: a DR engine over that core. */
export const drReplication = (core: Core): ReplicationEngine =>
  new ReplicationEngine(coreHost(core), DR_MODE);
