import { mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeSecretFile } from '../../src/client/secret-file.js';

/** Key and token files: 0600, and never written through a symlink planted at their path. */
describe('writeSecretFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-secret-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writes the file 0600, replacing what was there', async () => {
    const file = join(dir, 'unseal-key');
    await writeFile(file, 'old and longer content', { mode: 0o644 });
    await writeSecretFile(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test('refuses a symlink at the path (ELOOP) and leaves its target untouched', async () => {
    const target = join(dir, 'elsewhere');
    await writeFile(target, 'precious');
    const file = join(dir, 'root-token');
    await symlink(target, file);
    await expect(writeSecretFile(file, 'hvs.secret')).rejects.toMatchObject({ code: 'ELOOP' });
    expect(await readFile(target, 'utf8')).toBe('precious');
  });
});
