import { cubbyholePrefix, destroyCubbyhole } from '../backends/cubbyhole/cubbyhole.js';
import { badRequest } from '../logical/errors.js';
import { readJSON, type StorageView } from '../logical/storage-view.js';
import type { TokenEntry } from '../logical/token-entry.js';
import { KEYS } from './storage-keys.js';
import { legacyCubbyholeId, type TokenSalt } from './token-salt.js';

/**
 * Where each token's cubbyhole lives: under its salted cubbyhole id in the cubbyhole
 * mount's storage (TokenSalt.cubbyholeId). Used by the core (request routing, revocation)
 * and by response wrapping, which keeps the wrapped response in the wrapping token's own
 * cubbyhole.
 */
export class Cubbyholes {
  constructor(
    /** The cubbyhole mount's storage, null before the mount table is loaded. */
    private readonly mountStorage: () => StorageView | null,
    private readonly salt: TokenSalt,
    /** The root view, where token entries are (sys/token/id/). */
    private readonly root: StorageView,
  ) {}

  async of(token: string): Promise<StorageView> {
    const storage = this.mountStorage();
    if (!storage) throw badRequest('cubbyhole is not mounted');
    return storage.sub(cubbyholePrefix(await this.salt.cubbyholeId(token)));
  }

  /** The token a backend of `mountType` sees: the cubbyhole id for cubbyhole, else the token. */
  async routedToken(mountType: string, token: string | undefined): Promise<string | undefined> {
    return mountType === 'cubbyhole' && token ? this.salt.cubbyholeId(token) : token;
  }

  async destroy(token: string): Promise<void> {
    const storage = this.mountStorage();
    if (storage) await destroyCubbyhole(storage, await this.salt.cubbyholeId(token));
  }

  /**
   * Moves every live token's cubbyhole from the legacy folder (bare SHA-256 of the token)
   * to its salted one, in one transaction; run on unseal after the token salt exists.
   * Idempotent: a second run finds no legacy folder of a live token. Folders that belong
   * to no live token are unreachable either way and left as they are. Returns how many
   * cubbyholes moved.
   */
  async migrate(): Promise<number> {
    const storage = this.mountStorage();
    if (!storage) return 0;
    const folders = new Set(
      (await storage.list('')).filter((f) => f.endsWith('/')).map((f) => f.slice(0, -1)),
    );
    if (folders.size === 0) return 0;
    const moves: Array<{ from: string; to: string }> = [];
    for (const key of await this.root.list(KEYS.tokenIdPrefix)) {
      const entry = await readJSON<TokenEntry>(this.root, `${KEYS.tokenIdPrefix}${key}`);
      if (!entry) continue;
      const legacy = legacyCubbyholeId(entry.id);
      const salted = await this.salt.cubbyholeId(entry.id);
      if (legacy !== salted && folders.has(legacy)) moves.push({ from: legacy, to: salted });
    }
    if (moves.length === 0) return 0;
    const keys = new Map<string, string[]>();
    for (const { from } of moves) keys.set(from, await storage.scan(cubbyholePrefix(from)));
    await storage.transaction((tx) => {
      for (const { from, to } of moves) {
        const oldPrefix = cubbyholePrefix(from);
        for (const key of keys.get(from) ?? []) {
          const value = tx.get(key);
          tx.delete(key);
          // A salted entry written since (a newer node) wins over the legacy one.
          const target = `${cubbyholePrefix(to)}${key.slice(oldPrefix.length)}`;
          if (value !== null && tx.get(target) === null) tx.put(target, value);
        }
      }
    });
    return moves.length;
  }
}
