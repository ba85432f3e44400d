import type { Barrier } from './barrier.js';
import type { SealConfig, ShamirSeal } from './seal.js';
import { KEYS } from './storage-keys.js';

/**
 * Where a finished rekey lands. The seal config and the sealed root key are node entries
 * (never replicated: a secondary keeps its own until activation hands it the primary's), so a
 * barrier-encrypted copy goes under core/dr-seal-keys, which DR secondaries receive; a
 * secondary adopts it (adoptReplicatedSealKeys) and from then on unseals with the new shares,
 * as a Vault DR secondary does with its primary's keys.
 */
interface SealKeysCopy {
  readonly sealedRootKey: string;
  readonly sealConfig: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function commitRekey(
  barrier: Barrier,
  seal: ShamirSeal,
  config: SealConfig,
  newKey: Uint8Array,
): Promise<void> {
  const sealedRoot = barrier.wrapRootKey(newKey);
  const configBytes = encoder.encode(JSON.stringify(config));
  const copy: SealKeysCopy = {
    sealedRootKey: Buffer.from(sealedRoot).toString('base64'),
    sealConfig: Buffer.from(configBytes).toString('base64'),
  };
  await barrier.transaction((tx) => {
    tx.put({ key: KEYS.rootKey, value: sealedRoot });
    tx.put({ key: KEYS.sealConfig, value: configBytes });
    tx.put({ key: KEYS.drSealKeys, value: encoder.encode(JSON.stringify(copy)) });
  });
  seal.forgetConfig();
}

/** On a DR secondary: takes the primary's rekeyed seal keys that replication just applied. */
export async function adoptReplicatedSealKeys(
  barrier: Barrier,
  seal: ShamirSeal,
  local: {
    transaction<T>(fn: (tx: { put(entry: { key: string; value: Uint8Array }): void }) => T): Promise<T>;
  },
): Promise<void> {
  const entry = await barrier.get(KEYS.drSealKeys);
  if (entry === null) return;
  const copy = JSON.parse(decoder.decode(entry.value)) as SealKeysCopy;
  await local.transaction((tx) => {
    tx.put({ key: KEYS.rootKey, value: new Uint8Array(Buffer.from(copy.sealedRootKey, 'base64')) });
    tx.put({ key: KEYS.sealConfig, value: new Uint8Array(Buffer.from(copy.sealConfig, 'base64')) });
  });
  seal.forgetConfig();
}
