import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinBackends } from '../../src/backends/catalog.js';
import { Core } from '../../src/core/core.js';
import type { Operation, Response } from '../../src/logical/request.js';
import { drReplication } from '../../src/replication/dr-mode.js';
import { closePeers, setPeerOpener } from '../../src/replication/peers.js';
import { SqliteBackend } from '../../src/storage/sqlite.js';
import { FaultyBackend } from './faulty-backend.js';
import { waitFor } from './wait-for.js';

/**
 * One cluster of an in-process DR set: a real Core over real SQLite (behind a fault point),
 * reached at `embedded://<name>` (API) and `inproc://<name>` (cluster port), so two or three
 * of them replicate over the in-process link without sockets or child processes.
 */
export interface InProcNode {
  readonly name: string;
  readonly file: string;
  core: Core;
  faults: FaultyBackend;
  /** The key that unseals it: its own, then its primary's once it became a secondary. */
  unsealKey: string;
  rootToken: string;
  call(operation: Operation, path: string, data?: Record<string, unknown>): Promise<Response | null>;
  /** Seals and closes the core, then opens the same file again and unseals it. */
  restart(): Promise<void>;
  /** Seals and closes the core (a stopped cluster; `reopen` brings it back). */
  close(): Promise<void>;
  /** `before` runs on the new fault point before the unseal starts replication. */
  reopen(before?: (faults: FaultyBackend) => void): Promise<void>;
}

export interface InProcSet {
  readonly nodes: Map<string, InProcNode>;
  node(name: string, opts?: { walBufferLength?: number }): Promise<InProcNode>;
  close(): Promise<void>;
}

const keyOf = (core: Core, share: string) =>
  core.submitUnsealShare(new Uint8Array(Buffer.from(share, 'base64')));

export async function inProcessSet(): Promise<InProcSet> {
  const dir = await mkdtemp(join(tmpdir(), 'hvr-inproc-dr-'));
  const nodes = new Map<string, InProcNode>();
  await closePeers(); // peers are cached per process: forget another set's clusters of the same names
  setPeerOpener(async (name) => {
    const current = () => {
      const node = nodes.get(name);
      if (!node) throw new Error(`no in-process cluster named ${name}`);
      return node.core;
    };
    current();
    return {
      get core() {
        return current();
      },
      close: async () => undefined,
    };
  });

  const open = (file: string, name: string, walBufferLength?: number) => {
    const faults = new FaultyBackend(SqliteBackend.open(file));
    const core = new Core({
      backends: builtinBackends,
      replication: drReplication,
      physical: faults,
      apiAddr: `embedded://${name}`,
      clusterAddr: `inproc://${name}`,
      ...(walBufferLength ? { walBufferLength } : {}),
    });
    return { faults, core };
  };

  return {
    nodes,
    async node(name, opts = {}) {
      const file = join(dir, `${name}.sqlite`);
      const first = open(file, name, opts.walBufferLength);
      const init = await first.core.initialize(1, 1);
      const node: InProcNode = {
        name,
        file,
        core: first.core,
        faults: first.faults,
        unsealKey: init.keysBase64[0] ?? '',
        rootToken: init.rootToken,
        call: async (operation, path, data = {}) =>
          node.core.handle({ id: randomUUID(), operation, path, data, headers: {}, token: node.rootToken }),
        async close() {
          await node.core.close();
        },
        async reopen(before) {
          const next = open(file, name, opts.walBufferLength);
          node.core = next.core;
          node.faults = next.faults;
          before?.(next.faults);
          if (!(await keyOf(node.core, node.unsealKey))) throw new Error(`${name} did not unseal`);
        },
        async restart() {
          await node.close();
          await node.reopen();
        },
      };
      if (!(await keyOf(node.core, node.unsealKey))) throw new Error(`${name} did not unseal`);
      nodes.set(name, node);
      return node;
    },
    async close() {
      for (const node of nodes.values()) await node.core.close().catch(() => undefined);
      nodes.clear();
      await closePeers();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** DR status data of a node (sys/replication/dr/status), with the response's warnings. */
export async function statusOf(
  node: InProcNode,
): Promise<{ data: Record<string, unknown>; warnings: string[] }> {
  const res = await node.call('read', 'sys/replication/dr/status');
  return { data: (res?.data ?? {}) as Record<string, unknown>, warnings: res?.warnings ?? [] };
}

export async function enablePrimary(primary: InProcNode): Promise<void> {
  await primary.call('update', 'sys/replication/dr/primary/enable');
}

/** Issues a token on `primary` and activates `secondary` with it; it then unseals with the primary's key. */
export async function attachSecondary(primary: InProcNode, secondary: InProcNode, id: string): Promise<void> {
  const issued = await primary.core.handle({
    id: randomUUID(),
    operation: 'update',
    path: 'sys/replication/dr/primary/secondary-token',
    data: { id },
    headers: {},
    token: primary.rootToken,
  });
  const token = issued?.wrapInfo?.token;
  if (!token) throw new Error('no activation token');
  await secondary.call('update', 'sys/replication/dr/secondary/enable', { token });
  secondary.unsealKey = primary.unsealKey;
  secondary.rootToken = primary.rootToken;
}

/** Waits until `secondary` streams WALs at `primary`'s last WAL with the same merkle root. */
export async function waitForSync(
  primary: InProcNode,
  secondary: InProcNode,
  timeoutMs = 20_000,
): Promise<string> {
  return waitFor(
    `${secondary.name} in stream-wals with ${primary.name}'s merkle root`,
    async () => {
      const [p, s] = [await statusOf(primary), await statusOf(secondary)];
      return s.data.state === 'stream-wals' &&
        p.data.last_wal === s.data.last_remote_wal &&
        p.data.merkle_root === s.data.merkle_root
        ? String(p.data.merkle_root)
        : undefined;
    },
    timeoutMs,
  );
}

/** A secondary's hvr-only merkle_syncs gauge, read from sys/metrics (Prometheus text). */
export async function merkleSyncs(node: InProcNode): Promise<number> {
  const res = await node.call('read', 'sys/metrics', { format: 'prometheus' });
  const body = String(res?.raw?.body ?? '');
  // Gauge names carry the host name unless telemetry says disable_hostname.
  const found = /^vault_\S*replication_dr_secondary_merkle_syncs (\S+)$/m.exec(body);
  if (!found) throw new Error(`no merkle_syncs gauge in:\n${body.slice(0, 400)}`);
  return Number(found[1]);
}
