import type { JWK } from 'jose';
import { msToRfc3339Nano } from '../gocompat/time.js';
import { HvrError, invalidWrappingToken } from '../logical/errors.js';
import type { WrapInfo } from '../logical/request.js';
import { readJSON, type StorageView, writeJSON } from '../logical/storage-view.js';
import type { TokenEntry } from '../logical/token-entry.js';
import { KEYS } from './storage-keys.js';
import type { TokenStore } from './token-store.js';

export const RESPONSE_WRAPPING_POLICY = 'response-wrapping';

interface StoredWrapInfo {
  readonly creation_ttl: number;
  readonly creation_time: string;
  readonly creation_path: string;
}

interface JwtKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** Vault's IsJWT: three dot-separated parts, not a namespaced `hvs.X.Y` token. */
export const isJWT = (token: string): boolean =>
  token.length > 3 && token.split('.').length === 3 && token[3] !== '.' && token[1] !== '.';

/**
 * Response wrapping (Vault's wrapInCubbyhole): a single-use token whose cubbyhole holds
 * the original response as JSON text, and optionally an ES512 JWT naming it.
 */
export class WrappingService {
  private jwtKey: JwtKey | null = null;

  constructor(
    private readonly tokens: TokenStore,
    private readonly cubbyholeOf: (token: string) => Promise<StorageView>,
    private readonly storage: StorageView,
    private readonly apiAddr: () => string,
  ) {}

  /** `envelope` is the JSON text the original request would have been answered with. */
  async wrap(
    envelope: string,
    opts: { ttl: number; path: string; format?: 'jwt'; wrappedAccessor?: string },
  ): Promise<{ info: WrapInfo; warnings: string[] }> {
    const entry = await this.tokens.create({
      parent: '',
      policies: [RESPONSE_WRAPPING_POLICY],
      path: opts.path,
      displayName: '',
      numUses: 1,
      ttl: opts.ttl,
      explicitMaxTTL: opts.ttl,
      renewable: false,
    });
    const creationTime = msToRfc3339Nano(entry.creationTime * 1000 + (Date.now() % 1000));
    const cubby = await this.cubbyholeOf(entry.id);
    await writeJSON(cubby, 'response', { response: envelope });
    await writeJSON(cubby, 'wrapinfo', {
      creation_ttl: opts.ttl,
      creation_time: creationTime,
      creation_path: opts.path,
    } satisfies StoredWrapInfo);
    const warnings: string[] = [];
    let token = entry.id;
    if (opts.format === 'jwt') {
      const addr = this.apiAddr();
      if (addr === '') {
        warnings.push(
          "No redirect address set in Vault so none could be encoded in the token. You may need to supply Vault's API address when unwrapping the token.",
        );
      }
      token = await this.signJwt(entry, addr, opts.wrappedAccessor);
    }
    return {
      info: {
        token,
        accessor: entry.accessor,
        ttl: opts.ttl,
        creationTime,
        creationPath: opts.path,
        ...(opts.wrappedAccessor ? { wrappedAccessor: opts.wrappedAccessor } : {}),
      },
      warnings,
    };
  }

  /** Resolves a JWT to its `jti`, or returns the token as given. */
  async resolveToken(token: string): Promise<string> {
    if (!isJWT(token)) return token;
    const key = await this.loadKey();
    const { importJWK, jwtVerify } = await import('jose');
    let payload: Record<string, unknown>;
    try {
      const publicKey = await importJWK(key.publicJwk, 'ES512');
      ({ payload } = await jwtVerify(token, publicKey, { algorithms: ['ES512'] }));
    } catch (error) {
      throw new HvrError(
        'HVR_WRAPPING_TOKEN_VALIDATION',
        400,
        `wrapping token signature could not be validated: ${(error as Error).message}`,
      );
    }
    if (payload.type !== 'wrapping') {
      throw new HvrError('HVR_WRAPPING_TOKEN_VALIDATION', 400, 'unexpected type claim');
    }
    if (typeof payload.jti !== 'string') throw invalidWrappingToken();
    return payload.jti;
  }

  /** The live wrapping token entry, or the Vault error when it is not one. */
  async validate(token: string): Promise<TokenEntry> {
    const entry = await this.tokens.lookup(token);
    // numUses -1: another caller already claimed it and is revoking it.
    if (entry?.policies.length !== 1 || entry.policies[0] !== RESPONSE_WRAPPING_POLICY || entry.numUses < 0) {
      throw invalidWrappingToken();
    }
    return entry;
  }

  /**
   * Spends the wrapping token's single use in one storage transaction (compare-and-set on
   * its entry): of two callers, in this process or another on the same storage, exactly
   * one wins; the other sees an invalid token.
   */
  private async claim(entry: TokenEntry): Promise<void> {
    let lastUse: boolean;
    try {
      ({ lastUse } = await this.tokens.use(entry));
    } catch (error) {
      if (error instanceof HvrError && error.code === 'HVR_INVALID_TOKEN') throw invalidWrappingToken();
      throw error;
    }
    if (!lastUse) throw invalidWrappingToken();
  }

  async lookup(token: string): Promise<StoredWrapInfo> {
    const entry = await this.validate(token);
    const info = await readJSON<StoredWrapInfo>(await this.cubbyholeOf(entry.id), 'wrapinfo');
    if (!info) throw invalidWrappingToken();
    return info;
  }

  /** Returns the stored response text and revokes the token: a second unwrap fails. */
  async unwrap(token: string): Promise<string> {
    const entry = await this.validate(token);
    await this.claim(entry);
    const stored = await readJSON<{ response: string }>(await this.cubbyholeOf(entry.id), 'response');
    await this.tokens.revokeTree(entry);
    if (!stored) throw invalidWrappingToken();
    return stored.response;
  }

  /** A new wrapping token for the same response, keeping the original TTL and path. */
  async rewrap(token: string): Promise<WrapInfo> {
    const entry = await this.validate(token);
    const cubby = await this.cubbyholeOf(entry.id);
    const info = await readJSON<StoredWrapInfo>(cubby, 'wrapinfo');
    const stored = await readJSON<{ response: string }>(cubby, 'response');
    if (!info || !stored) throw invalidWrappingToken();
    await this.claim(entry);
    await this.tokens.revokeTree(entry);
    const { info: wrapped } = await this.wrap(stored.response, {
      ttl: info.creation_ttl,
      path: info.creation_path,
    });
    return wrapped;
  }

  async publicKey(): Promise<{ jwt_x: string; jwt_y: string; jwt_curve: string }> {
    const key = await this.loadKey();
    return {
      jwt_x: base64urlToDecimal(key.publicJwk.x ?? ''),
      jwt_y: base64urlToDecimal(key.publicJwk.y ?? ''),
      jwt_curve: 'p521',
    };
  }

  private async signJwt(entry: TokenEntry, addr: string, accessor?: string): Promise<string> {
    const key = await this.loadKey();
    // jose loads lazily: most processes (an embedded CLI read) never wrap.
    const { importJWK, SignJWT } = await import('jose');
    const privateKey = await importJWK(key.privateJwk, 'ES512');
    const now = Math.floor(Date.now() / 1000);
    // Vault always sets `accessor`: the wrapped token's, empty for other answers (activation tokens).
    return new SignJWT({ accessor: accessor ?? '', addr, type: 'wrapping' })
      .setProtectedHeader({ alg: 'ES512', typ: 'JWT' })
      .setJti(entry.id)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + entry.ttl)
      .sign(privateKey);
  }

  /** Drops the cached JWT key (replication applied a new one). */
  forgetKey(): void {
    this.jwtKey = null;
  }

  private async loadKey(): Promise<JwtKey> {
    if (this.jwtKey) return this.jwtKey;
    let key = await readJSON<JwtKey>(this.storage, KEYS.wrappingJwtKey);
    if (!key) {
      const { exportJWK, generateKeyPair } = await import('jose');
      const pair = await generateKeyPair('ES512', { extractable: true });
      key = { privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) };
      await writeJSON(this.storage, KEYS.wrappingJwtKey, key);
    }
    this.jwtKey = key;
    return key;
  }
}

const base64urlToDecimal = (text: string): string =>
  BigInt(`0x${Buffer.from(text, 'base64url').toString('hex') || '0'}`).toString(10);
