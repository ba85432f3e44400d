import type { PeerCertificate } from 'node:tls';
import { Agent, request, errors as undiciErrors } from 'undici';
import { certFingerprint } from '../activation/replication-ca.js';
import type { BucketEntry } from '../merkle/merkle-view.js';
import type { WalFetch } from '../wal-record.js';
import {
  type HeartbeatReply,
  type KeyMaterial,
  type Link,
  LinkRefusedError,
  type StoredEntry,
} from './link.js';

export interface MtlsLinkOptions {
  /** The primary's cluster address, e.g. https://10.0.0.5:8201. */
  readonly clusterAddr: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** SHA-256 of the primary's cluster certificate from activation: any other certificate is refused. */
  readonly pinnedCertSha256?: string;
}

/** Cluster-port paths, written once here and in server/cluster-listener.ts's table. */
export const CLUSTER_PATHS = {
  wals: '/v1/replication/wals',
  lastWal: '/v1/replication/last-wal',
  merkleRoot: '/v1/replication/merkle/root',
  pageHashes: '/v1/replication/merkle/pages',
  bucketHashes: '/v1/replication/merkle/buckets',
  bucketEntries: '/v1/replication/merkle/entries',
  bucketHashesMany: '/v1/replication/merkle/buckets-many',
  bucketEntriesMany: '/v1/replication/merkle/entries-many',
  fetch: '/v1/replication/fetch',
  keyMaterial: '/v1/replication/key-material',
  heartbeat: '/v1/replication/heartbeat',
} as const;

/** HTTPS to the primary's cluster listener with this secondary's client certificate. */
export function mtlsLink(opts: MtlsLinkOptions): Link {
  const agent = new Agent({
    // The host name is not what proves identity (the primary may be reached by any of its
    // nodes' addresses): the replication CA, the serverAuth usage TLS checks, and the pinned
    // certificate of the primary are.
    connect: {
      ca: opts.caPem,
      cert: opts.certPem,
      key: opts.keyPem,
      rejectUnauthorized: true,
      checkServerIdentity: (_host: string, cert: PeerCertificate) => pinCheck(opts, cert),
    },
    keepAliveTimeout: 30_000,
  });
  const base = opts.clusterAddr.replace(/\/+$/, '');

  async function call<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(`${base}${path}`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
        ...(signal ? { signal } : {}),
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
      });
    } catch (error) {
      throw describeConnectError(opts.clusterAddr, error);
    }
    const text = await res.body.text();
    if (res.statusCode === 403) throw new LinkRefusedError(errorText(text) || 'refused by the primary');
    if (res.statusCode !== 200)
      throw new Error(
        `primary cluster address ${opts.clusterAddr} answered ${res.statusCode}: ${errorText(text)}`,
      );
    return JSON.parse(text) as T;
  }

  return {
    kind: 'mtls',
    wals: (after, waitMs, signal) => call<WalFetch>(CLUSTER_PATHS.wals, { after, waitMs }, signal),
    lastWal: async (signal) => (await call<{ lastWal: number }>(CLUSTER_PATHS.lastWal, {}, signal)).lastWal,
    merkleRoot: async () => (await call<{ root: string }>(CLUSTER_PATHS.merkleRoot, {})).root,
    pageHashes: async () => (await call<{ hashes: string[] }>(CLUSTER_PATHS.pageHashes, {})).hashes,
    bucketHashes: async (page) =>
      (await call<{ hashes: string[] }>(CLUSTER_PATHS.bucketHashes, { page })).hashes,
    bucketEntries: async (page, bucket) =>
      (await call<{ entries: BucketEntry[] }>(CLUSTER_PATHS.bucketEntries, { page, bucket })).entries,
    bucketHashesMany: async (pages) =>
      (await call<{ hashes: string[][] }>(CLUSTER_PATHS.bucketHashesMany, { pages })).hashes,
    bucketEntriesMany: async (slots) =>
      (await call<{ entries: BucketEntry[][] }>(CLUSTER_PATHS.bucketEntriesMany, { slots })).entries,
    fetch: async (keys) => (await call<{ entries: StoredEntry[] }>(CLUSTER_PATHS.fetch, { keys })).entries,
    keyMaterial: () => call<KeyMaterial>(CLUSTER_PATHS.keyMaterial, {}),
    heartbeat: (req) => call<HeartbeatReply>(CLUSTER_PATHS.heartbeat, req),
    close: () => agent.close(),
  };
}

function pinCheck(opts: MtlsLinkOptions, cert: PeerCertificate): Error | undefined {
  if (!opts.pinnedCertSha256 || certFingerprint(cert.raw) === opts.pinnedCertSha256) return undefined;
  return new Error(
    `the cluster address ${opts.clusterAddr} presented a certificate that is not the primary's cluster certificate this secondary received at activation; refusing to replicate from it`,
  );
}

const errorText = (text: string): string => {
  try {
    const parsed = JSON.parse(text) as { errors?: string[] };
    return (parsed.errors ?? []).join('; ');
  } catch {
    // not JSON: show the text as it came
    return text.slice(0, 200);
  }
};

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Names the address and the cause; a foreign certificate most often means TLS is terminated in front of the cluster port. */
export function describeConnectError(addr: string, error: unknown): Error {
  const cause = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = cause.code ?? cause.cause?.code ?? '';
  if (TLS_CODES.has(code)) {
    return new Error(
      `TLS error connecting to the primary's cluster address ${addr}: it presented a certificate not issued by the replication CA (${code}); a load balancer may be terminating TLS on the cluster port, which replication does not allow`,
      { cause: error },
    );
  }
  if (error instanceof undiciErrors.UndiciError || code !== '') {
    return new Error(
      `cannot reach the primary's cluster address ${addr}: ${cause.cause?.message ?? cause.message ?? code}`,
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
