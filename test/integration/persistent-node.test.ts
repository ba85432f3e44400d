import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTlsFiles } from '../helpers/tls-files.js';

describe('a persistent node (hvr server -config) over SQLite', () => {
  let dir = '';
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function start(config: string): Promise<ServerProcess> {
    const file = join(dir, 'hvr.hcl');
    await writeFile(file, config);
    server = await startServerProcess(['-config', file]);
    return server;
  }

  test('init, unseal with a threshold of shares, restart: data survives and the node comes back sealed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-persist-'));
    const config = `
storage "sqlite" {
  path = "${join(dir, 'data', 'hvr.sqlite')}"
}
listener "tcp" {
  address     = "127.0.0.1:0"
  tls_disable = true
}
`;
    let node = await start(config);
    const before = await api(node.address, 'sys/seal-status');
    expect(before.json).toMatchObject({ initialized: false, sealed: true });
    expect((await api(node.address, 'sys/health')).status).toBe(501);

    const init = await api(node.address, 'sys/init', { body: { secret_shares: 3, secret_threshold: 2 } });
    expect(init.status).toBe(200);
    const keys = init.json?.keys as string[];
    const rootToken = String(init.json?.root_token);
    expect(keys).toHaveLength(3);
    expect((init.json?.keys_base64 as string[] | undefined)?.length).toBe(3);
    const again = await api(node.address, 'sys/init', { body: { secret_shares: 1, secret_threshold: 1 } });
    expect(again.status).toBe(400);

    const first = await api(node.address, 'sys/unseal', { body: { key: keys[0] } });
    expect(first.json).toMatchObject({ sealed: true, progress: 1, t: 2, n: 3 });
    const repeated = await api(node.address, 'sys/unseal', { body: { key: keys[0] } });
    expect(repeated.json).toMatchObject({ sealed: true, progress: 1 });
    const second = await api(node.address, 'sys/unseal', { body: { key: keys[2] } });
    expect(second.json).toMatchObject({ sealed: false, progress: 0 });

    const secretValue = 'plaintext-must-never-hit-disk-7d1f';
    await api(node.address, 'sys/mounts/kv', {
      token: rootToken,
      body: { type: 'kv', options: { version: '2' } },
    });
    const write = await api(node.address, 'kv/data/db', {
      token: rootToken,
      body: { data: { password: secretValue } },
    });
    expect(write.status).toBe(200);

    expect(await node.stop('SIGTERM')).toBe(0);
    for (const name of await readdir(join(dir, 'data'))) {
      const bytes = await readFile(join(dir, 'data', name));
      expect(bytes.includes(Buffer.from(secretValue)), `${name} holds the secret in clear`).toBe(false);
      expect(bytes.includes(Buffer.from(rootToken)), `${name} holds the root token in clear`).toBe(false);
    }

    node = await start(config);
    const sealedStatus = await api(node.address, 'sys/seal-status');
    expect(sealedStatus.json).toMatchObject({ initialized: true, sealed: true });
    expect((await api(node.address, 'kv/data/db', { token: rootToken })).status).toBe(503);
    const wrongKey = await api(node.address, 'sys/unseal', { body: { key: 'zz' } });
    expect(wrongKey.status).toBe(400);
    await api(node.address, 'sys/unseal', { body: { key: keys[1] } });
    await api(node.address, 'sys/unseal', { body: { key: keys[2] } });
    const read = await api(node.address, 'kv/data/db', { token: rootToken });
    expect(read.status).toBe(200);
    expect((dataOf(read).data as Record<string, unknown>).password).toBe(secretValue);
  });

  test('serves TLS from the configured certificate files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-tls-'));
    const tls = await makeTlsFiles(dir);
    const node = await start(`
storage "inmem" {}
listener "tcp" {
  address       = "127.0.0.1:0"
  tls_cert_file = "${tls.certFile}"
  tls_key_file  = "${tls.keyFile}"
}
`);
    expect(node.address.startsWith('https://')).toBe(true);
    const trusted = new Agent({ connect: { ca: tls.caPem } });
    const health = await api(node.address, 'sys/health', { dispatcher: trusted });
    expect(health.status).toBe(501);
    await trusted.close();
    const untrusting = new Agent({ connect: { ca: [] as string[] } });
    await expect(api(node.address, 'sys/health', { dispatcher: untrusting })).rejects.toThrow();
    await untrusting.close();
  });
});
