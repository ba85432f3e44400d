import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api } from '../helpers/api.js';
import { childEnv } from '../helpers/child-env.js';
import { initAndUnseal } from '../helpers/persistent-node.js';
import { HVR_BIN, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';

const configFor = (dbPath: string) =>
  `storage "sqlite" {\n  path = "${dbPath}"\n}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n`;

/** Runs `hvr server -config` expecting it to refuse to start; its exit code and output. */
function failedStart(configPath: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HVR_BIN, 'server', '-config', configPath], {
      env: childEnv(),
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The storage files and the server log (issue 9 item 6), against real `hvr server`
 * processes: 0700/0600 files, refused data folders, actionable storage errors, and a log
 * line for every 5xx.
 */
describe('storage files and the server log', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-storage-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('a new node creates its data folder 0700 and hvr.sqlite 0600; a 5xx is logged with its request id and cause', async () => {
    const folder = join(dir, 'fresh', 'store');
    const config = join(dir, 'fresh.hcl');
    await writeFile(config, configFor(join(folder, 'hvr.sqlite')));
    server = await startServerProcess(['-config', config], { home: dir });
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, 'hvr.sqlite'))).mode & 0o777).toBe(0o600);
    const { rootToken } = await initAndUnseal(server.address);
    const wal = await stat(join(folder, 'hvr.sqlite-wal')).catch(() => null);
    if (wal) expect(wal.mode & 0o777).toBe(0o600);

    const enabled = await api(server.address, 'sys/auth/userpass', {
      token: rootToken,
      body: { type: 'userpass' },
    });
    expect(enabled.status).toBe(204);
    // userpass answers a login without a password with a plain (500) error, as Vault does.
    const failed = await api(server.address, 'auth/userpass/login/alice', {
      body: { note: 'do-not-log-this-value' },
      method: 'POST',
    });
    expect(failed.status).toBe(500);
    const s = server;
    const line = await waitFor('the 5xx in the server log', async () =>
      s
        .output()
        .split('\n')
        .find((l) => l.includes('[ERROR] core: request failed')),
    );
    expect(line).toMatch(
      /request_id=[0-9a-f-]{36} method=POST path="\/v1\/auth\/userpass\/login\/alice" status=500/,
    );
    expect(line).toContain('error="missing password"');
    expect(s.output()).not.toContain('do-not-log-this-value');
  });

  test('a data folder writable by others is refused, with what to do about it', async () => {
    const folder = join(dir, 'open');
    await mkdir(folder);
    await chmod(folder, 0o777);
    const config = join(dir, 'open.hcl');
    await writeFile(config, configFor(join(folder, 'hvr.sqlite')));
    const { code, output } = await failedStart(config);
    expect(code).toBe(1);
    expect(output).toContain(`refusing storage folder ${folder}: it is writable by other users (mode 777)`);
  });

  test('a damaged database file stops the node at start with an actionable message', async () => {
    const folder = join(dir, 'broken');
    await mkdir(folder, { mode: 0o700 });
    await writeFile(join(folder, 'hvr.sqlite'), 'this is not a database '.repeat(400), { mode: 0o600 });
    const config = join(dir, 'broken.hcl');
    await writeFile(config, configFor(join(folder, 'hvr.sqlite')));
    const { code, output } = await failedStart(config);
    expect(code).toBe(1);
    expect(output).toContain('is damaged or not an hvr database');
    expect(output).toContain('restore it from a backup or a DR secondary');
  });

  test('listener http_read_header_timeout and http_read_timeout close slow clients (Vault: 10s and 30s by default)', async () => {
    const folder = join(dir, 'slow');
    const config = join(dir, 'slow.hcl');
    await writeFile(
      config,
      configFor(join(folder, 'hvr.sqlite')).replace(
        'tls_disable = true',
        'tls_disable = true\n  http_read_header_timeout = "1s"\n  http_read_timeout = "2s"',
      ),
    );
    const slow = await startServerProcess(['-config', config], { home: dir });
    try {
      const url = new URL(slow.address);
      /** Opens a connection, sends `text`, and resolves once the node closes it (fails after 20 s). */
      const closedAfter = (text: string) =>
        new Promise<number>((resolve, reject) => {
          const started = Date.now();
          const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
          socket.on('error', () => undefined);
          socket.on('data', () => undefined);
          socket.on('close', () => resolve(Date.now() - started));
          setTimeout(() => {
            socket.destroy();
            reject(new Error('the node kept a slow client open for 20 s'));
          }, 20_000);
        });
      // Headers never finished: closed by the header timeout, long before 20 s.
      await closedAfter('GET /v1/sys/health HTTP/1.1\r\nHost: x\r\n');
      // Headers done, body dribbling: closed by the read timeout.
      const body =
        'PUT /v1/sys/unseal HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"key":';
      await closedAfter(body);
    } finally {
      await slow.stop();
    }
  });
});
