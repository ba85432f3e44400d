import type { Core } from '../core/core.js';
import { HvrError } from '../core/errors.js';
import { readJSON, writeJSON } from '../core/storage-view.js';
import { hashId } from '../core/token-id.js';

/** Node-class: hashes of DR operation tokens made from key shares (they have no TTL). */
const OPERATION_TOKENS_KEY = 'core/replication/dr-operation-tokens';

interface StoredOperationTokens {
  readonly hashes: readonly string[];
}

/** DR-operation-token paths whose primary counterpart needs sudo. */
const SUDO_PATHS: ReadonlySet<string> = new Set(['sys/replication/dr/secondary/reindex']);

export const invalidOperationToken = (why: string) =>
  new HvrError('HVR_PERMISSION_DENIED', 403, `invalid dr_operation_token: ${why}`);

/**
 * DR operation tokens: generated on the secondary from the primary's key shares (kept as
 * hashes until deleted), or batch tokens made ahead of time on the primary from a role whose
 * policy allows the path — those replicated here, so the token store and ACL decide.
 */
export class OperationTokens {
  constructor(private readonly core: Core) {}

  async remember(token: string): Promise<void> {
    const stored = (await readJSON<StoredOperationTokens>(this.core.root, OPERATION_TOKENS_KEY)) ?? {
      hashes: [],
    };
    await writeJSON(this.core.root, OPERATION_TOKENS_KEY, { hashes: [...stored.hashes, hashId(token)] });
  }

  async forget(token: string): Promise<boolean> {
    const stored = (await readJSON<StoredOperationTokens>(this.core.root, OPERATION_TOKENS_KEY)) ?? {
      hashes: [],
    };
    const hash = hashId(token);
    if (!stored.hashes.includes(hash)) return false;
    await writeJSON(this.core.root, OPERATION_TOKENS_KEY, {
      hashes: stored.hashes.filter((h) => h !== hash),
    });
    return true;
  }

  /** Throws unless `token` may perform `update` on `path` as a DR operation token. */
  async check(token: unknown, path: string): Promise<void> {
    if (typeof token !== 'string' || token === '') {
      throw new HvrError(
        'HVR_BAD_REQUEST',
        400,
        'missing "dr_operation_token": generate one with generate-operation-token, or pass a batch token made on the primary for this path',
      );
    }
    const stored = (await readJSON<StoredOperationTokens>(this.core.root, OPERATION_TOKENS_KEY)) ?? {
      hashes: [],
    };
    if (stored.hashes.includes(hashId(token))) return;
    const entry = await this.core.tokens.lookup(token);
    if (!entry)
      throw invalidOperationToken(
        'it is not a generated operation token, nor a live token of this replication set (expired, revoked or from another cluster)',
      );
    const acl = await this.core.policies.aclFor(entry.policies);
    const allowed = acl.allowOperation('update', path, {});
    if (!allowed.allowed) {
      throw invalidOperationToken(`its policies do not allow update on ${path}`);
    }
    if (SUDO_PATHS.has(path) && !allowed.rootPrivs) {
      throw invalidOperationToken(
        `${path} needs sudo, as sys/replication/reindex does on a primary, and its policies do not grant it`,
      );
    }
    // A use cannot be spent here: the token's entry is replicated state, which a DR secondary
    // never changes itself. So a limited-use token is refused rather than used for free.
    if (entry.numUses !== 0) {
      throw invalidOperationToken(
        'it is a limited-use token, whose uses a DR secondary cannot count; use a batch token or a generated operation token',
      );
    }
  }
}
