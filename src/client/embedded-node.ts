import { builtinBackends } from '../backends/catalog.js';
import { Core } from '../core/core.js';
import { drReplication } from '../replication/dr-mode.js';
import { SqliteBackend } from '../storage/sqlite.js';
import {
  commitKeys,
  type DataDirLayout,
  type NodeKeys,
  readKeys,
  readPendingKeys,
  writePendingKeys,
} from './data-dir.js';
import { DataDirError } from './errors.js';
import { acquireInitLock } from './init-lock.js';

export interface OpenedNode {
  readonly core: Core;
  readonly keys: NodeKeys;
  /** True when this call initialised the directory. */
  readonly created: boolean;
}

export interface NodeOptions {
  /** How long to wait for another process initialising the same directory; default 30 s. */
  readonly lockTimeoutMs?: number;
  readonly apiAddr?: string;
}

const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

/**
 * Opens the node stored in `layout.dir`, unsealed. The committed key files mark a finished
 * initialisation, so the usual path takes no lock. Otherwise, under the init lock, it checks
 * again, then initialises (1 share, threshold 1), writes the keys under pending names, unseals,
 * mounts KV v2 at `secret/` as the dev server does, and only then renames the key files into
 * place. A crash in between leaves pending keys that the next opener uses to finish the job.
 */
export async function openNode(layout: DataDirLayout, opts: NodeOptions = {}): Promise<OpenedNode> {
  const keys = await readKeys(layout);
  if (keys) return { core: await openInitialised(layout, keys, opts), keys, created: false };
  const lock = await acquireInitLock(
    layout.dir,
    layout.lockFile,
    opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
  );
  try {
    const committed = await readKeys(layout);
    if (committed)
      return { core: await openInitialised(layout, committed, opts), keys: committed, created: false };
    return await initialise(layout, opts);
  } finally {
    lock.release();
  }
}

async function openInitialised(layout: DataDirLayout, keys: NodeKeys, opts: NodeOptions): Promise<Core> {
  const core = openCore(layout, opts);
  return withCore(core, async () => {
    if (!(await core.isInitialized())) {
      throw new DataDirError(
        layout.dir,
        `${layout.storageFile} is not initialised although ${layout.unsealKeyFile} exists; remove the directory to start again`,
      );
    }
    await unseal(layout, core, keys);
  });
}

async function initialise(layout: DataDirLayout, opts: NodeOptions): Promise<OpenedNode> {
  const core = openCore(layout, opts);
  let keys: NodeKeys | undefined;
  await withCore(core, async () => {
    if (await core.isInitialized()) {
      keys = await readPendingKeys(layout);
      if (keys === undefined) {
        throw new DataDirError(
          layout.dir,
          `${layout.storageFile} is initialised but ${layout.unsealKeyFile} is missing; the node cannot be unsealed`,
        );
      }
    } else {
      const init = await core.initialize(1, 1);
      keys = { unsealKey: init.keysBase64[0] ?? '', rootToken: init.rootToken };
      await writePendingKeys(layout, keys);
    }
    await unseal(layout, core, keys);
    if (core.mounts.find('mounts', 'secret/') === undefined) {
      await core.mounts.enable({
        table: 'mounts',
        path: 'secret/',
        type: 'kv',
        description: 'key/value secret storage',
        options: { version: '2' },
      });
    }
    await commitKeys(layout);
  });
  if (keys === undefined) throw new DataDirError(layout.dir, 'initialisation produced no keys');
  return { core, keys, created: true };
}

function openCore(layout: DataDirLayout, opts: NodeOptions): Core {
  let physical: SqliteBackend;
  try {
    physical = SqliteBackend.open(layout.storageFile);
  } catch (error) {
    throw new DataDirError(layout.dir, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  // Local clusters reach each other in-process: `embedded://name` is the API, `inproc://name` the cluster port.
  return new Core({
    backends: builtinBackends,
    physical,
    apiAddr: opts.apiAddr ?? `embedded://${layout.cluster}`,
    clusterAddr: `inproc://${layout.cluster}`,
    replication: drReplication,
  });
}

/** Runs `fn`; on failure closes the core and rethrows (both errors if closing fails too). */
async function withCore(core: Core, fn: () => Promise<void>): Promise<Core> {
  try {
    await fn();
    return core;
  } catch (error) {
    try {
      await core.close();
    } catch (closeError) {
      throw new AggregateError([error, closeError], error instanceof Error ? error.message : String(error));
    }
    throw error;
  }
}

async function unseal(layout: DataDirLayout, core: Core, keys: NodeKeys): Promise<void> {
  let opened: boolean;
  try {
    opened = await core.submitUnsealShare(new Uint8Array(Buffer.from(keys.unsealKey, 'base64')));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataDirError(
      layout.dir,
      `the key in ${layout.unsealKeyFile} does not unseal the node: ${reason}`,
      {
        cause: error,
      },
    );
  }
  if (!opened) {
    throw new DataDirError(layout.dir, `the key in ${layout.unsealKeyFile} does not unseal the node`);
  }
}
