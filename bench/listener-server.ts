/**
 * A server for bench/list-verb.ts: hvr's API listener and HTTP API handler (from dist/) in
 * front of a core stand-in that answers every read and write with the same KV-sized response,
 * so what differs between runs is the listener alone. argv[2] is `rewrite` (LIST accepted:
 * the request-line rewriter in front of the parser) or `plain` (Node's parser only, as before).
 * Prints `Api Address: ...` and `ready` like `hvr server`.
 */

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './harness.js';

const mode = process.argv[2];
if (mode !== 'rewrite' && mode !== 'plain') throw new Error('usage: listener-server.ts rewrite|plain');

type ListenerModule = typeof import('../src/server/node-listener.js');
type ApiModule = typeof import('../src/server/api-handler.js');
const dist = (file: string) => pathToFileURL(join(ROOT, 'dist', 'server', file)).href;
const { startListener } = (await import(dist('node-listener.js'))) as ListenerModule;
const { createApiHandler } = (await import(dist('api-handler.js'))) as ApiModule;

const data = {
  data: { username: 'bench', password: 'p4ssw0rd-0123456789abcdef', n: 0 },
  metadata: {
    created_time: '2026-01-01T00:00:00.000Z',
    custom_metadata: null,
    deletion_time: '',
    destroyed: false,
    version: 1,
  },
};
const handler = createApiHandler({ handle: async () => ({ data, mountType: 'kv' }) });
const listener = await startListener({
  host: '127.0.0.1',
  port: 0,
  handler,
  extensionMethods: mode === 'rewrite',
});
process.stdout.write(`Api Address: ${listener.address}\nready\n`);

const stop = (): void => {
  void listener.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
