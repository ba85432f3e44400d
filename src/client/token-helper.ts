import { readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ClientConfigError } from './errors.js';
import { writeSecretFile } from './secret-file.js';

/**
 * Vault's internal token helper (api/tokenhelper/helper_internal.go): the token lives in
 * `~/.vault-token` (HOME honoured), trimmed on read, written through `.vault-token.tmp` with
 * mode 0600 and renamed into place; a missing file is no token.
 */
type Env = Readonly<Record<string, string | undefined>>;

export const TOKEN_FILE_NAME = '.vault-token';

export function tokenFilePath(env: Env): string {
  const home = env.HOME !== undefined && env.HOME !== '' ? env.HOME : homedir();
  return join(home, TOKEN_FILE_NAME);
}

/** The stored token, or undefined when there is none (no file, or only whitespace). */
export async function readStoredToken(env: Env): Promise<string | undefined> {
  const path = tokenFilePath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw new ClientConfigError(`error reading token helper file ${path}: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  const token = text.trim();
  return token === '' ? undefined : token;
}

export async function storeToken(token: string, env: Env): Promise<void> {
  const path = tokenFilePath(env);
  const tmp = `${path}.tmp`;
  try {
    await writeSecretFile(tmp, token);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw new ClientConfigError(`error storing token in ${path}: ${reasonOf(error)}`, { cause: error });
  }
}

export async function eraseToken(env: Env): Promise<void> {
  const path = tokenFilePath(env);
  try {
    await rm(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw new ClientConfigError(`error erasing token file ${path}: ${reasonOf(error)}`, { cause: error });
  }
}

export type TokenSource = 'env' | 'token-helper' | 'none';

export interface ResolvedToken {
  readonly token: string | undefined;
  readonly source: TokenSource;
}

/** Vault's order: VAULT_TOKEN when non-empty, else the token helper's file, else none. */
export async function resolveToken(env: Env): Promise<ResolvedToken> {
  const fromEnv = env.VAULT_TOKEN;
  if (fromEnv !== undefined && fromEnv !== '') return { token: fromEnv, source: 'env' };
  const stored = await readStoredToken(env);
  return stored === undefined
    ? { token: undefined, source: 'none' }
    : { token: stored, source: 'token-helper' };
}

const codeOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
