import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a spawned hvr process may take from the test runner's environment: nothing that configures hvr or Vault. */
const PASSED_THROUGH = ['PATH', 'TMPDIR', 'TZ', 'LANG', 'SYSTEMROOT'] as const;

let emptyHome: string | undefined;

/**
 * A HOME no test writes to, made once per test process and removed when it exits: a child
 * that was given no HOME of its own never reads the developer's `~/.vault-token` or `~/.hvr`.
 */
function sharedEmptyHome(): string {
  if (emptyHome === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'hvr-test-home-'));
    emptyHome = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return emptyHome;
}

/**
 * The environment for an hvr child process: PATH and a few locale settings from the runner,
 * its own HOME, and `extra`. No VAULT_* or HVR_* variable of the developer's shell (such as
 * VAULT_FORMAT=json or VAULT_ADDR) leaks in; undefined values in `extra` are dropped.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = { HOME: sharedEmptyHome() };
  for (const name of PASSED_THROUGH) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
