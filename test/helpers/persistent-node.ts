import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { api } from './api.js';
import { freePort } from './free-port.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

export interface PersistentNode {
  readonly dir: string;
  server: ServerProcess;
  start(): Promise<ServerProcess>;
}

/** A node over SQLite in `dir` with a config file; start() may be called again after a stop or kill. */
export async function persistentNode(dir: string, extraConfig = ''): Promise<PersistentNode> {
  await mkdir(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'hvr.hcl');
  const [apiPort, clusterPort] = [await freePort(), await freePort()];
  await writeFile(
    config,
    `storage "sqlite" {\n  path = "${join(dir, 'data', 'hvr.sqlite')}"\n}\nlistener "tcp" {\n  address = "127.0.0.1:${apiPort}"\n  tls_disable = true\n}\ncluster_addr = "https://127.0.0.1:${clusterPort}"\n${extraConfig}`,
  );
  const node: PersistentNode = {
    dir,
    server: undefined as unknown as ServerProcess,
    async start() {
      node.server = await startServerProcess(['-config', config]);
      return node.server;
    },
  };
  await node.start();
  return node;
}

/** sys/init with one share, then unseal; returns the key and root token. */
export async function initAndUnseal(address: string): Promise<{ key: string; rootToken: string }> {
  const init = await api(address, 'sys/init', { body: { secret_shares: 1, secret_threshold: 1 } });
  const key = String((init.json?.keys_base64 as string[] | undefined)?.[0]);
  await api(address, 'sys/unseal', { body: { key } });
  return { key, rootToken: String(init.json?.root_token) };
}
