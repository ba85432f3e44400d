import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  eraseToken,
  readStoredToken,
  resolveToken,
  storeToken,
  tokenFilePath,
} from '../../src/client/token-helper.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'hvr-token-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('the default token helper (~/.vault-token)', () => {
  test('stores with mode 0600, reads trimmed, erases', async () => {
    const env = { HOME: home };
    expect(tokenFilePath(env)).toBe(join(home, '.vault-token'));
    expect(await readStoredToken(env)).toBeUndefined();
    await storeToken('hvs.abc', env);
    expect((await stat(join(home, '.vault-token'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(home, '.vault-token'), 'utf8')).toBe('hvs.abc');
    await writeFile(join(home, '.vault-token'), '  hvs.def\n');
    expect(await readStoredToken(env)).toBe('hvs.def');
    await eraseToken(env);
    expect(await readStoredToken(env)).toBeUndefined();
    await eraseToken(env); // erasing nothing is fine
  });

  test('VAULT_TOKEN wins over the helper; an empty VAULT_TOKEN does not', async () => {
    await storeToken('from-file', { HOME: home });
    expect(await resolveToken({ HOME: home, VAULT_TOKEN: 'from-env' })).toEqual({
      token: 'from-env',
      source: 'env',
    });
    expect(await resolveToken({ HOME: home, VAULT_TOKEN: '' })).toEqual({
      token: 'from-file',
      source: 'token-helper',
    });
    await eraseToken({ HOME: home });
    expect(await resolveToken({ HOME: home })).toEqual({ token: undefined, source: 'none' });
  });
});
