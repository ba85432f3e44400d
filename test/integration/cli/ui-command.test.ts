import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { childEnv } from '../../helpers/child-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { HVR_BIN } from '../../helpers/server-process.js';
import { waitFor } from '../../helpers/wait-for.js';

describe('hvr ui', () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-ui-cmd-'));
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  test('serves a local cluster’s API and /ui/ on loopback until SIGINT', async () => {
    const env = childEnv({ HVR_HOME: home, HOME: home });
    const child = spawn(process.execPath, [HVR_BIN, 'ui', '-cluster', 'dc1'], { env });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await waitFor(
        'the UI address',
        async () => /(http:\/\/127\.0\.0\.1:\d+)\/ui\//.exec(out)?.[1],
      );
      expect(out).toContain(`Sign in with the token in ${join(home, 'dc1', 'root-token')}`);
      const page = await fetch(`${url}/ui/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="main.js"></script>');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const token = (await readFile(join(home, 'dc1', 'root-token'), 'utf8')).trim();
      const lookup = await fetch(`${url}/v1/auth/token/lookup-self`, { headers: { 'x-vault-token': token } });
      expect(lookup.status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  test('with a server address it prints where that server serves the UI', async () => {
    const res = await runCli(['ui', '-address', 'http://127.0.0.1:8200'], {
      env: { HVR_HOME: home, HOME: home },
    });
    expect(res).toMatchObject({ code: 0, stdout: 'http://127.0.0.1:8200/ui/\n' });
  });
});
