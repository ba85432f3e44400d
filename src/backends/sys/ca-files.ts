import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badRequest } from '../../logical/errors.js';

/** `ca_file` / `ca_path` of secondary enable: PEM bundles trusted for the primary's API TLS. */
export async function readCaFiles(caFile?: string, caPath?: string): Promise<string | undefined> {
  try {
    if (caFile) return await readFile(caFile, 'utf8');
    if (caPath) {
      const names = (await readdir(caPath)).filter((n) => n.endsWith('.pem') || n.endsWith('.crt'));
      const pems = await Promise.all(names.map((n) => readFile(join(caPath, n), 'utf8')));
      return pems.join('\n');
    }
  } catch (error) {
    throw badRequest(`error reading CA certificates from ${caFile ?? caPath}: ${(error as Error).message}`);
  }
  return undefined;
}
