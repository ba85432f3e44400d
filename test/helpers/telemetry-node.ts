import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { initAndUnseal } from './persistent-node.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

export interface TelemetryNode {
  readonly server: ServerProcess;
  readonly address: string;
  readonly token: string;
  readonly key: string;
}

/**
 * A real `hvr server` over SQLite in `dir`, initialised and unsealed, whose listener serves
 * sys/metrics without a token and whose gauges carry no host name.
 */
export async function telemetryNode(dir: string): Promise<TelemetryNode> {
  await mkdir(dir, { recursive: true });
  const [apiPort, clusterPort] = [await freePort(), await freePort()];
  const config = join(dir, 'hvr.hcl');
  await writeFile(
    config,
    [
      `storage "sqlite" {\n  path = "${join(dir, 'hvr.sqlite')}"\n}`,
      `listener "tcp" {\n  address = "127.0.0.1:${apiPort}"\n  tls_disable = true\n  telemetry {\n    unauthenticated_metrics_access = true\n  }\n}`,
      `cluster_addr = "https://127.0.0.1:${clusterPort}"`,
      'telemetry {\n  disable_hostname = true\n}',
      '',
    ].join('\n'),
  );
  const server = await startServerProcess(['-config', config]);
  const { key, rootToken } = await initAndUnseal(server.address);
  return { server, address: server.address, token: rootToken, key };
}
