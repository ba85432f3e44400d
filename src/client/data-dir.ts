import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ClientConfigError, DataDirError } from './errors.js';
import { writeSecretFile as writeSecretFileNoFollow } from './secret-file.js';

/**
 * The embedded node's files: `<home>/<cluster>/` (home = HVR_HOME or ~/.hvr, cluster =
 * -cluster, HVR_CLUSTER or `default`), holding `hvr.sqlite`, `unseal-key` and `root-token`
 * (0600), and `init.lock`, which serialises first-use initialisation between processes.
 */
export interface DataDirLayout {
  readonly cluster: string;
  readonly dir: string;
  readonly storageFile: string;
  readonly unsealKeyFile: string;
  readonly rootTokenFile: string;
  readonly lockFile: string;
}

export interface DataDirInput {
  readonly home?: string;
  readonly cluster?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface NodeKeys {
  /** Base64, as `vault operator init` prints unseal keys. */
  readonly unsealKey: string;
  readonly rootToken: string;
}

export const DEFAULT_CLUSTER = 'default';
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PENDING = '.pending';

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;

export function dataDirLayout(input: DataDirInput): DataDirLayout {
  const env = input.env ?? {};
  const home =
    nonEmpty(input.home) ?? nonEmpty(env.HVR_HOME) ?? join(nonEmpty(env.HOME) ?? homedir(), '.hvr');
  const cluster = nonEmpty(input.cluster) ?? nonEmpty(env.HVR_CLUSTER) ?? DEFAULT_CLUSTER;
  if (!CLUSTER_NAME.test(cluster)) {
    throw new ClientConfigError(
      `invalid cluster name ${JSON.stringify(cluster)}: use letters, digits, ".", "_" and "-", starting with a letter or digit`,
    );
  }
  const dir = join(home, cluster);
  return {
    cluster,
    dir,
    storageFile: join(dir, 'hvr.sqlite'),
    unsealKeyFile: join(dir, 'unseal-key'),
    rootTokenFile: join(dir, 'root-token'),
    lockFile: join(dir, 'init.lock'),
  };
}

/** Creates the directory (and home) with mode 0700 if needed and checks it is a writable directory. */
export async function ensureDataDir(layout: DataDirLayout): Promise<void> {
  const { dir } = layout;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (!(await stat(dir)).isDirectory()) throw new DataDirError(dir, 'not a directory');
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof DataDirError) throw error;
    throw new DataDirError(dir, fsReason(error), { cause: error });
  }
}

/** The committed key files, undefined when neither exists; one without the other is an error. */
export async function readKeys(layout: DataDirLayout): Promise<NodeKeys | undefined> {
  return readKeyPair(layout, layout.unsealKeyFile, layout.rootTokenFile);
}

/** Keys written by an initialisation that did not finish (crash recovery). */
export async function readPendingKeys(layout: DataDirLayout): Promise<NodeKeys | undefined> {
  return readKeyPair(layout, layout.unsealKeyFile + PENDING, layout.rootTokenFile + PENDING);
}

/** Writes the key files under their pending names (0600): the node is not ready yet. */
export async function writePendingKeys(layout: DataDirLayout, keys: NodeKeys): Promise<void> {
  await writeSecretFile(layout, layout.unsealKeyFile + PENDING, `${keys.unsealKey}\n`);
  await writeSecretFile(layout, layout.rootTokenFile + PENDING, `${keys.rootToken}\n`);
}

/** Renames the pending key files into place: from now on the node opens without the lock. */
export async function commitKeys(layout: DataDirLayout): Promise<void> {
  try {
    await rename(layout.rootTokenFile + PENDING, layout.rootTokenFile);
    await rename(layout.unsealKeyFile + PENDING, layout.unsealKeyFile);
  } catch (error) {
    throw new DataDirError(layout.dir, fsReason(error), { cause: error });
  }
}

/** Replaces the committed keys (a local DR secondary takes its primary's): write pending, then rename over. */
export async function replaceKeys(layout: DataDirLayout, keys: NodeKeys): Promise<void> {
  await writePendingKeys(layout, keys);
  await commitKeys(layout);
}

async function readKeyPair(
  layout: DataDirLayout,
  keyFile: string,
  tokenFile: string,
): Promise<NodeKeys | undefined> {
  const unsealKey = await readOptional(layout, keyFile);
  const rootToken = await readOptional(layout, tokenFile);
  if (unsealKey === undefined && rootToken === undefined) return undefined;
  if (unsealKey === undefined || unsealKey === '')
    throw new DataDirError(layout.dir, `${keyFile} is missing or empty`);
  if (rootToken === undefined || rootToken === '')
    throw new DataDirError(layout.dir, `${tokenFile} is missing or empty`);
  return { unsealKey, rootToken };
}

async function readOptional(layout: DataDirLayout, file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT')
      return undefined;
    throw new DataDirError(layout.dir, fsReason(error), { cause: error });
  }
}

async function writeSecretFile(layout: DataDirLayout, file: string, text: string): Promise<void> {
  try {
    await writeSecretFileNoFollow(file, text);
  } catch (error) {
    throw new DataDirError(layout.dir, fsReason(error), { cause: error });
  }
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: 'not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EEXIST: 'file exists',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ELOOP: 'too many levels of symbolic links',
};

/** Go's *PathError text: `mkdir /home/me/.hvr/default: not a directory`. */
export function fsReason(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { code, syscall, path } = error as { code?: unknown; syscall?: unknown; path?: unknown };
  const reason = typeof code === 'string' ? FS_REASONS[code] : undefined;
  if (reason !== undefined && typeof syscall === 'string' && typeof path === 'string') {
    return `${syscall} ${path}: ${reason}`;
  }
  return error instanceof Error ? error.message : String(error);
}
