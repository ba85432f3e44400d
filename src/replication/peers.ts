import type { Core } from '../core/core.js';
import type { PrimaryService } from './primary-service.js';

/**
 * Local clusters a process can open itself (the embedded CLI's `-cluster dc1` and `dc2`):
 * `embedded://<name>` is such a cluster's API address and `inproc://<name>` its cluster
 * address. The embedded client says how to open one; replication asks when a token or a
 * link names one.
 */
export interface PeerNode {
  readonly core: Core;
  close(): Promise<void>;
}

export type PeerOpener = (name: string) => Promise<PeerNode>;

let opener: PeerOpener | undefined;
const open = new Map<string, Promise<PeerNode>>();
/** In-process primaries by cluster address `inproc://<name>`: embedded clusters and tests link without sockets. */
const inProcessPrimaries = new Map<string, () => PrimaryService | null>();

export function setPeerOpener(fn: PeerOpener): void {
  opener = fn;
}

/** The local cluster behind an `embedded://` or `inproc://` address, opened once per process. */
export async function peerFor(address: string): Promise<PeerNode | undefined> {
  const match = /^(?:embedded|inproc):\/\/([^/]+)/.exec(address);
  if (!match || !opener) return undefined;
  const name = match[1] ?? '';
  let peer = open.get(name);
  if (!peer) {
    peer = opener(name);
    open.set(name, peer);
    peer.catch(() => open.delete(name));
  }
  return peer;
}

export async function closePeers(): Promise<void> {
  const peers = [...open.values()];
  open.clear();
  for (const peer of peers) await (await peer.catch(() => undefined))?.close();
}

/** A primary running in this process makes its service reachable at its `inproc://` cluster address. */
export function registerInProcessPrimary(clusterAddr: string, service: () => PrimaryService | null): void {
  inProcessPrimaries.set(clusterAddr, service);
}

/** The service of the in-process primary at `clusterAddr`, opening that local cluster if needed. */
export async function inProcessPrimary(
  clusterAddr: string,
): Promise<(() => PrimaryService | null) | undefined> {
  if (!inProcessPrimaries.has(clusterAddr)) await peerFor(clusterAddr);
  return inProcessPrimaries.get(clusterAddr);
}
