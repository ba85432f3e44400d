/**
 * The HTTP floor for bench/kv-http.ts: a bare node:http server that reads (and discards) the
 * request body and answers every request with the same Vault-like JSON body, about the size
 * of a KV v2 read response. Prints `Api Address: http://127.0.0.1:PORT` like `hvr server`.
 */
import { createServer } from 'node:http';

const BODY = Buffer.from(
  JSON.stringify({
    request_id: '1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718',
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: {
      data: { username: 'bench', password: 'p4ssw0rd-0123456789abcdef', n: 0 },
      metadata: {
        created_time: '2026-01-01T00:00:00.000Z',
        custom_metadata: null,
        deletion_time: '',
        destroyed: false,
        version: 1,
      },
    },
    wrap_info: null,
    warnings: null,
    auth: null,
    mount_type: 'kv',
  }),
);

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, {
      'cache-control': 'no-store',
      'content-type': 'application/json',
      'content-length': BODY.length,
    });
    res.end(BODY);
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected listen address');
  process.stdout.write(`Api Address: http://127.0.0.1:${address.port}\nready\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
