import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { certFingerprint } from '../replication/activation/replication-ca.js';
import { LinkRefusedError } from '../replication/link/link.js';
import { CLUSTER_PATHS } from '../replication/link/mtls.js';
import type { PrimaryService } from '../replication/primary-service.js';

export interface ClusterListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly service: () => PrimaryService | null;
}

export interface ClusterListener {
  readonly port: number;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Route = (
  service: PrimaryService,
  secondaryId: string,
  body: Body,
  signal: AbortSignal,
  fingerprint: string,
) => Promise<unknown> | unknown;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

const ROUTES: Readonly<Record<string, Route>> = {
  [CLUSTER_PATHS.wals]: (s, _id, b, signal, fingerprint) =>
    s.wals(num(b.after), Math.min(num(b.waitMs), 30_000), signal, fingerprint),
  [CLUSTER_PATHS.lastWal]: async (s) => ({ lastWal: await s.lastWal() }),
  [CLUSTER_PATHS.merkleRoot]: async (s) => ({ root: await s.merkleRoot() }),
  [CLUSTER_PATHS.pageHashes]: (s) => ({ hashes: s.pageHashes() }),
  [CLUSTER_PATHS.bucketHashes]: (s, _id, b) => ({ hashes: s.bucketHashes(num(b.page)) }),
  [CLUSTER_PATHS.bucketEntries]: async (s, _id, b) => ({
    entries: await s.bucketEntries(num(b.page), num(b.bucket)),
  }),
  [CLUSTER_PATHS.bucketHashesMany]: (s, _id, b) => ({
    hashes: s.bucketHashesMany(Array.isArray(b.pages) ? b.pages.map(num).slice(0, 256) : []),
  }),
  [CLUSTER_PATHS.bucketEntriesMany]: async (s, _id, b) => ({
    entries: await s.bucketEntriesMany(
      (Array.isArray(b.slots) ? b.slots : []).slice(0, 4096).map((slot): [number, number] => {
        const [page, bucket] = Array.isArray(slot) ? slot : [];
        return [num(page), num(bucket)];
      }),
    ),
  }),
  [CLUSTER_PATHS.fetch]: async (s, _id, b) => ({
    entries: await s.fetch(Array.isArray(b.keys) ? b.keys.map(String) : []),
  }),
  [CLUSTER_PATHS.keyMaterial]: (s) => s.keyMaterial(),
  [CLUSTER_PATHS.heartbeat]: (s, id, b) =>
    s.heartbeat(id, {
      lastRemoteWal: num(b.lastRemoteWal),
      apiAddr: String(b.apiAddr ?? ''),
      clusterAddr: String(b.clusterAddr ?? ''),
      time: num(b.time),
      ...(b.mode === 'primary' ? { mode: 'primary' as const } : {}),
    }),
};

/**
 * The cluster port (API port + 1): HTTPS that requires a client certificate from the
 * replication CA (clientAuth usage) that is the very certificate issued to a known,
 * unrevoked secondary. It serves the calls a DR secondary needs and nothing node-class. It touches
 * node:https itself because it needs the TLS peer's identity, which the API listener hides.
 */
export async function startClusterListener(opts: ClusterListenerOptions): Promise<ClusterListener> {
  const server = https.createServer(
    {
      ca: opts.caPem,
      cert: opts.certPem,
      key: opts.keyPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => void serve(req, res, opts.service),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  service: () => PrimaryService | null,
): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  try {
    const route = ROUTES[(req.url ?? '').split('?')[0] ?? ''];
    if (!route || req.method !== 'POST') return send(404, { errors: ['unknown cluster path'] });
    const primary = service();
    if (!primary) return send(403, { errors: ['this cluster is not a DR primary'] });
    // The peer is known by the very certificate it presents, not by its name.
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    const fingerprint = peer.raw ? certFingerprint(peer.raw) : '';
    const secondary = primary.authorize(fingerprint);
    const body = await readJson(req);
    send(200, await route(primary, secondary.id, body, abort.signal, fingerprint));
  } catch (error) {
    if (error instanceof LinkRefusedError) return send(403, { errors: [error.message] });
    send(500, { errors: [error instanceof Error ? error.message : String(error)] });
  }
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > 64 * 1024 * 1024) throw new Error('cluster request too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Body);
}
