import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Writes a key or token file 0600 without following a symlink at `path` (O_NOFOLLOW): a
 * link planted there fails with ELOOP instead of redirecting the secret elsewhere.
 */
export async function writeSecretFile(path: string, text: string): Promise<void> {
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
