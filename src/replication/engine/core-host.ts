import diagnostics from 'node:diagnostics_channel';
import type { Core } from '../../core/core.js';
import { invalidateApplied } from '../apply-invalidation.js';
import { OperationTokens } from '../operation-tokens.js';
import type { ReplicationHost } from './host.js';

/** Where background replication failures go; `hvr server` prints them as error lines. */
export const REPLICATION_ERROR_CHANNEL = 'hvr:replication-error';
const errors = diagnostics.channel(REPLICATION_ERROR_CHANNEL);

/** The core as the engine's host. */
export function coreHost(core: Core): ReplicationHost {
  let operationTokens: OperationTokens | undefined;
  return {
    storage: core.storage,
    barrier: core.barrier,
    root: core.root,
    get apiAddr() {
      return core.apiAddr;
    },
    get clusterAddr() {
      return core.clusterAddr;
    },
    get operationTokens() {
      operationTokens ??= new OperationTokens(core);
      return operationTokens;
    },
    classOf: (key) => core.classifier.classOf(key),
    forgetSealConfig: () => core.seal.forgetConfig(),
    reload: () => core.reload(),
    invalidate: (keys) => invalidateApplied(core, keys),
    log: (event, error) => {
      if (errors.hasSubscribers) errors.publish({ event, error });
    },
  };
}
