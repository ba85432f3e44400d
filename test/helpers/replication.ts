import { api, dataOf } from './api.js';
import { waitFor } from './wait-for.js';

export interface Node {
  readonly address: string;
  readonly token: string;
}

export async function enableDrPrimary(primary: Node): Promise<void> {
  const res = await api(primary.address, 'sys/replication/dr/primary/enable', {
    token: primary.token,
    body: {},
  });
  if (res.status !== 200) throw new Error(`dr primary enable failed: ${res.status} ${res.text}`);
}

export async function drSecondaryToken(primary: Node, id: string): Promise<string> {
  const res = await api(primary.address, 'sys/replication/dr/primary/secondary-token', {
    token: primary.token,
    body: { id },
  });
  const token = (res.json?.wrap_info as Record<string, unknown> | undefined)?.token;
  if (typeof token !== 'string') throw new Error(`secondary-token failed: ${res.status} ${res.text}`);
  return token;
}

export async function enableDrSecondary(secondary: Node, token: string): Promise<void> {
  const res = await api(secondary.address, 'sys/replication/dr/secondary/enable', {
    token: secondary.token,
    body: { token },
  });
  if (res.status !== 200) throw new Error(`dr secondary enable failed: ${res.status} ${res.text}`);
}

export async function drStatus(node: Node): Promise<Record<string, unknown>> {
  return dataOf(await api(node.address, 'sys/replication/dr/status'));
}

/** Polls both sides until the secondary streams and both merkle roots agree (Vault's WaitForMatchingMerkleRoots). */
export async function waitForMatchingMerkleRoots(
  primary: Node,
  secondary: Node,
  timeoutMs = 30_000,
): Promise<string> {
  return waitFor(
    'matching DR merkle roots and stream-wals',
    async () => {
      const [p, s] = await Promise.all([drStatus(primary), drStatus(secondary)]);
      return s.state === 'stream-wals' && p.merkle_root === s.merkle_root && p.last_wal === s.last_remote_wal
        ? String(p.merkle_root)
        : undefined;
    },
    timeoutMs,
  );
}

/** A DR operation token made on a secondary from the primary's key shares (generate-operation-token). */
export async function drOperationToken(secondary: Node, primaryKeys: readonly string[]): Promise<string> {
  const { decodeToken } = await import('../../src/core/generate-root.js');
  const start = await api(
    secondary.address,
    'sys/replication/dr/secondary/generate-operation-token/attempt',
    { body: {} },
  );
  const { otp, nonce } = start.json as { otp: string; nonce: string };
  let last = start;
  for (const key of primaryKeys) {
    last = await api(secondary.address, 'sys/replication/dr/secondary/generate-operation-token/update', {
      body: { key, nonce },
    });
  }
  if (last.json?.complete !== true)
    throw new Error(`operation token generation did not complete: ${last.text}`);
  return decodeToken(String(last.json.encoded_token), otp);
}
