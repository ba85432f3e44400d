import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  drSecondaryToken,
  enableDrPrimary,
  enableDrSecondary,
  type Node,
} from '../../helpers/replication.js';
import { runCli } from '../../helpers/run-cli.js';
import { devServer, type ServerProcess } from '../../helpers/server-process.js';

describe('hvr token inspect and hvr replication wait', () => {
  let pri: ServerProcess;
  let sec: ServerProcess;
  let primary: Node;
  let secondary: Node;
  beforeAll(async () => {
    pri = await devServer(['-dev-root-token-id=p']);
    sec = await devServer(['-dev-root-token-id=s']);
    primary = { address: pri.address, token: 'p' };
    secondary = { address: sec.address, token: 's' };
    await enableDrPrimary(primary);
  });
  afterAll(async () => {
    await Promise.all([pri?.stop(), sec?.stop()]);
  });

  test('inspect decodes the activation token without using it, then sees it used', async () => {
    const token = await drSecondaryToken(primary, 'inspected');
    const fresh = await runCli(['token', 'inspect', '-format=json', token]);
    expect(fresh.code).toBe(0);
    const info = JSON.parse(fresh.stdout) as Record<string, string>;
    expect(info).toMatchObject({ type: 'wrapping', issuer_addr: primary.address, unused: 'true' });
    expect(info.time_left).toMatch(/^(29m|30m)/);
    const jti = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
      .jti as string;
    expect(fresh.stdout).not.toContain(jti);

    await enableDrSecondary(secondary, token);
    const used = await runCli(['token', 'inspect', '-format=json', token]);
    expect((JSON.parse(used.stdout) as Record<string, string>).unused).toMatch(/^false/);
    const garbage = await runCli(['token', 'inspect', 'not-a-jwt']);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain('not a JWT');
  });

  test('replication wait returns 0 once the secondary streams and has caught up, 2 on timeout', async () => {
    const env = { VAULT_ADDR: secondary.address };
    const waited = await runCli(['replication', 'wait', '-timeout=60s'], { env });
    expect(waited.stderr).toBe('');
    expect(waited.code).toBe(0);
    expect(waited.stdout).toMatch(/^Success! mode secondary, state stream-wals, last_remote_wal \d+\/\d+\n$/);
    const json = await runCli(['replication', 'wait', '-format=json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ mode: 'secondary', state: 'stream-wals' });
    // In a pipe (no spinner) a progress line goes to stderr every 5 seconds.
    const timeout = await runCli(['replication', 'wait', '-state=merkle-sync', '-timeout=7s'], { env });
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(
      /^waiting for merkle-sync: mode secondary, state stream-wals, last_remote_wal \d+\/\d+, lag \d+\n/,
    );
    expect(timeout.stderr).toContain('Timed out waiting for DR replication to reach merkle-sync');
  });

  test('replication wait fails fast where DR replication is not enabled', async () => {
    const home = await mkdtemp(join(tmpdir(), 'hvr-wait-'));
    try {
      const res = await runCli(['replication', 'wait', '-timeout=5m'], {
        env: { HOME: home, HVR_HOME: join(home, 'hvr') },
      });
      expect(res.code).toBe(2);
      expect(res.stderr).toContain(
        'DR replication is not enabled on embedded://default (mode disabled); enable it as a primary or secondary first\n',
      );
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
