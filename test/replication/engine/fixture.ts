import { randomUUID } from 'node:crypto';
import { builtinBackends } from '../../../src/backends/catalog.js';
import { Core } from '../../../src/core/core.js';
import { readJSON, writeJSON } from '../../../src/logical/storage-view.js';
import { drReplication } from '../../../src/replication/dr-mode.js';
import { MemoryBackend } from '../../../src/storage/memory.js';

/** An initialised, unsealed in-memory node with the DR engine, reachable in-process at `inproc://…`. */
export async function openNode(name: string): Promise<Core> {
  const unique = `${name}-${randomUUID().slice(0, 8)}`;
  const core = new Core({
    backends: builtinBackends,
    physical: new MemoryBackend(),
    apiAddr: `embedded://${unique}`,
    clusterAddr: `inproc://${unique}`,
    replication: drReplication,
  });
  const init = await core.initialize(1, 1);
  await core.submitUnsealShare(new Uint8Array(Buffer.from(init.keysBase64[0] ?? '', 'base64')));
  return core;
}

/** A replicated (logical) entry, written and read through the barrier. */
export const putSecret = (core: Core, name: string, value: unknown): Promise<void> =>
  writeJSON(core.root, `logical/engine-test/${name}`, value);
export const getSecret = <T>(core: Core, name: string): Promise<T | null> =>
  readJSON<T>(core.root, `logical/engine-test/${name}`);

/** `secondary` becomes a DR secondary of `primary` (enabled first if needed) with an encrypted token. */
export async function attach(primary: Core, secondary: Core, id: string): Promise<void> {
  if (primary.replication.mode !== 'primary') await primary.replication.enablePrimary('');
  const publicKey = await secondary.replication.generatePublicKey();
  const fact = await primary.replication.secondaryToken(id, publicKey);
  if (fact.kind !== 'sealed') throw new Error('expected a token sealed to the public key');
  await secondary.replication.enableSecondary({ token: fact.token });
}

export async function closeAll(cores: readonly Core[]): Promise<void> {
  for (const core of cores) {
    await core.replication.stop();
    await core.close();
  }
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
