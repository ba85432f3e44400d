import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseLosslessJSON } from '../../src/core/lossless-json.js';
import { StorageClassifier } from '../../src/core/storage-keys.js';
import {
  certFingerprint,
  certPem,
  keyFromParams,
  keyPem,
} from '../../src/replication/activation/replication-ca.js';
import { mtlsLink } from '../../src/replication/link/mtls.js';
import { locate } from '../../src/replication/merkle/merkle-shape.js';
import { api } from '../helpers/api.js';
import { once } from '../helpers/once.js';
import {
  drSecondaryToken,
  enableDrPrimary,
  enableDrSecondary,
  type Node,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';

/** What an attacker holding one secondary's activation bundle holds: its mTLS identity. */
interface Credentials {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly clusterAddr: string;
  readonly primaryCertDer: string;
}

const NODE_KEYS = [
  'core/replication/dr-state',
  'core/root-key',
  'core/seal-config',
  'core/cluster/local/info',
  'core/replication/wal-state',
];

describe('the cluster port against a holder of one secondary’s credentials (issue 8)', () => {
  const servers: ServerProcess[] = [];
  let primary: Node;
  let secondary: Node;
  const agents: Agent[] = [];

  const credentials = async (id: string): Promise<Credentials> => {
    const token = await drSecondaryToken(primary, id);
    const res = await api(primary.address, 'sys/wrapping/unwrap', { body: { token } });
    const bundle = (parseLosslessJSON(res.text) as { data: Record<string, unknown> }).data;
    const key = await keyFromParams(bundle.client_key as { x: bigint; y: bigint; d: bigint });
    return {
      caPem: certPem(String(bundle.ca_cert)),
      certPem: certPem(String(bundle.client_cert)),
      keyPem: keyPem(key),
      clusterAddr: String(bundle.primary_cluster_addr),
      primaryCertDer: String(bundle.primary_cluster_cert),
    };
  };

  const cluster = async (creds: Credentials, path: string, body: unknown = {}) => {
    const agent = new Agent({
      connect: {
        ca: creds.caPem,
        cert: creds.certPem,
        key: creds.keyPem,
        checkServerIdentity: () => undefined,
      },
    });
    agents.push(agent);
    const res = await request(`${creds.clusterAddr}/v1/replication/${path}`, {
      method: 'POST',
      dispatcher: agent,
      body: JSON.stringify(body),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: JSON.parse(text) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const [p, s] = await Promise.all([
      devServer(['-dev-root-token-id=root-p']),
      devServer(['-dev-root-token-id=root-s']),
    ]);
    servers.push(p, s);
    primary = { address: p.address, token: 'root-p' };
    secondary = { address: s.address, token: 'root-s' };
    await enableDrPrimary(primary);
  });
  afterAll(async () => {
    await Promise.all(agents.map((a) => a.close()));
    await Promise.all(servers.map((s) => s.stop()));
  });

  test('no node-class key leaves: fetch refuses it, merkle buckets and WAL batches never hold one', async () => {
    const creds = await credentials('peek');
    for (const key of NODE_KEYS) {
      const res = await cluster(creds, 'fetch', { keys: ['core/mounts', key] });
      expect(res.status, key).toBe(403);
      expect(String((res.json.errors as string[])[0])).toContain(`"${key}" is a node-class entry`);
    }
    const allowed = await cluster(creds, 'fetch', { keys: ['core/mounts'] });
    expect(allowed.status).toBe(200);
    expect((allowed.json.entries as { value: string | null }[])[0]?.value).not.toBeNull();

    const classifier = new StorageClassifier();
    const slots = [...NODE_KEYS, 'core/mounts'].map((key) => {
      const { page, bucket } = locate(key);
      return [page, bucket];
    });
    const buckets = await cluster(creds, 'merkle/entries-many', { slots });
    const keys = (buckets.json.entries as { key: string }[][]).flat().map((e) => e.key);
    expect(keys).toContain('core/mounts');
    expect(keys.filter((key) => classifier.classOf(key) === 'node')).toEqual([]);

    const wals = await cluster(creds, 'wals', { after: 0, waitMs: 0 });
    const records = (wals.json.records as { key: string }[]).map((r) => r.key);
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((key) => classifier.classOf(key) === 'node')).toEqual([]);
  });

  test('a revoked secondary is cut off mid long poll and receives nothing written after', async () => {
    const creds = await credentials('leaver');
    const { lastWal } = (await cluster(creds, 'wals', { after: Number.MAX_SAFE_INTEGER, waitMs: 0 }))
      .json as { lastWal: number };
    let settled: { status: number; json: Record<string, unknown> } | undefined;
    const poll = cluster(creds, 'wals', { after: lastWal, waitMs: 30_000 }).then((r) => {
      settled = r;
      return r;
    });
    // Nothing on the primary shows an open poll: give the request time to reach its wait.
    // (Arriving late, it would only be refused at its start, and this test would pass weakly.)
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(settled).toBeUndefined();
    const revoke = await api(primary.address, 'sys/replication/dr/primary/revoke-secondary', {
      token: primary.token,
      body: { id: 'leaver' },
    });
    expect(revoke.status).toBe(204);
    // Nothing is written until the open poll has ended: the revocation alone ends it.
    await waitFor('the long poll to end', async () => settled, 20_000);
    expect((await poll).status).toBe(403);
    expect(String(((await poll).json.errors as string[])[0])).toContain('has been revoked');
    const write = await api(primary.address, 'sys/policies/acl/after-revocation', {
      token: primary.token,
      body: { policy: 'path "x" { capabilities = ["read"] }' },
    });
    expect(write.status).toBe(204);
    for (const [path, body] of [
      ['wals', { after: lastWal, waitMs: 0 }],
      ['fetch', { keys: ['sys/policy/after-revocation'] }],
      ['merkle/root', {}],
      ['heartbeat', { lastRemoteWal: 0, apiAddr: '', clusterAddr: '', time: Date.now() }],
    ] as const) {
      expect((await cluster(creds, path, body)).status, path).toBe(403);
    }
  });

  test('a secondary’s certificate cannot serve as the primary to another secondary', async () => {
    const [thief, victim] = [await credentials('thief'), await credentials('victim')];
    const impostor = createServer({ cert: thief.certPem, key: thief.keyPem }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"mode":"primary","lastWal":0,"merkleRoot":"","apiAddr":"","clusterAddr":"","clusterId":"","time":0}',
      );
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const impostorAddr = `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    const beat = { lastRemoteWal: 0, apiAddr: '', clusterAddr: '', time: Date.now() };
    const links = [
      // Pinned, as an activated secondary is; and CA-only, to show the key usage alone refuses it.
      mtlsLink({
        ...victim,
        clusterAddr: impostorAddr,
        pinnedCertSha256: certFingerprint(victim.primaryCertDer),
      }),
      mtlsLink({ ...victim, clusterAddr: impostorAddr }),
    ];
    const real = mtlsLink({ ...victim, pinnedCertSha256: certFingerprint(victim.primaryCertDer) });
    const wrongPin = mtlsLink({ ...victim, pinnedCertSha256: certFingerprint(Buffer.from('other')) });
    try {
      for (const link of links) await expect(link.heartbeat(beat)).rejects.toThrow();
      expect((await real.heartbeat(beat)).mode).toBe('primary');
      await expect(wrongPin.heartbeat(beat)).rejects.toThrow(/not the primary's cluster certificate/);
    } finally {
      for (const link of [...links, real, wrongPin]) await link.close();
      impostor.close();
    }
  });

  // Tests that need the attached secondary await this step (helpers/once.ts): any order works.
  const attached = once(async () => {
    const reindex = 'path "sys/replication/dr/secondary/reindex" { capabilities = ["update", "sudo"] }';
    const promotePath = 'path "sys/replication/dr/secondary/promote" { capabilities = ["update"] }';
    const policy = (text: string) =>
      api(primary.address, 'sys/policies/acl/dr-ops', { token: primary.token, body: { policy: text } });
    expect((await policy(`${promotePath}\n${reindex}`)).status).toBe(204);
    await api(primary.address, 'auth/token/roles/dr-ops', {
      token: primary.token,
      body: { allowed_policies: 'dr-ops', orphan: true, renewable: false, token_type: 'batch' },
    });
    const created = await api(primary.address, 'auth/token/create/dr-ops', {
      token: primary.token,
      body: {},
    });
    const batch = String((created.json?.auth as Record<string, unknown> | undefined)?.client_token);
    await enableDrSecondary(secondary, await drSecondaryToken(primary, 'dr-b'));
    await waitForMatchingMerkleRoots(primary, secondary);
    return { batch, policy, reindex };
  });

  test('a policy narrowed on the primary binds the DR operation token on the secondary once applied', async () => {
    const { batch, policy, reindex } = await attached();
    // One use on the secondary loads the policy into its cache.
    const used = await api(secondary.address, 'sys/replication/dr/secondary/reindex', {
      body: { dr_operation_token: batch },
    });
    expect(used.status, used.text).toBeLessThan(300);
    expect((await policy(reindex)).status).toBe(204);
    await waitForMatchingMerkleRoots(primary, secondary);
    const promote = await api(secondary.address, 'sys/replication/dr/secondary/promote', {
      body: { dr_operation_token: batch },
    });
    expect(promote.status, promote.text).toBe(403);
    expect(promote.text).toContain(
      'its policies do not allow update on sys/replication/dr/secondary/promote',
    );
  });

  test('a DR secondary refuses response wrapping and reindex checks mode, sudo and limited uses', async () => {
    await attached();
    const wrapped = await api(secondary.address, 'sys/replication/dr/status', {
      headers: { 'x-vault-wrap-ttl': '60' },
    });
    expect(wrapped.status).toBe(400);
    expect(wrapped.text).toContain('response wrapping is disabled in replication DR secondary mode');
    await waitForMatchingMerkleRoots(primary, secondary);

    const onPrimary = await api(primary.address, 'sys/replication/dr/secondary/reindex', {
      body: { dr_operation_token: primary.token },
    });
    expect(onPrimary.status).toBe(400);
    expect(onPrimary.text).toContain('this cluster is not a DR secondary');

    await api(primary.address, 'sys/policies/acl/reindex-no-sudo', {
      token: primary.token,
      body: { policy: 'path "sys/replication/dr/secondary/reindex" { capabilities = ["update"] }' },
    });
    const token = async (body: Record<string, unknown>) =>
      String(
        (
          (await api(primary.address, 'auth/token/create', { token: primary.token, body })).json?.auth as
            | Record<string, unknown>
            | undefined
        )?.client_token,
      );
    const noSudo = await token({ policies: ['reindex-no-sudo'], type: 'batch', no_parent: true });
    const limited = await token({ policies: ['dr-ops'], num_uses: 1 });
    await waitForMatchingMerkleRoots(primary, secondary);
    for (const [dr_operation_token, why] of [
      [noSudo, 'needs sudo'],
      [limited, 'limited-use token'],
    ] as const) {
      const res = await api(secondary.address, 'sys/replication/dr/secondary/reindex', {
        body: { dr_operation_token },
      });
      expect(res.status, res.text).toBe(403);
      expect(res.text).toContain(why);
    }
  });

  test('after promote, the wrapping key the secondary cached before activation is the primary’s', async () => {
    await api(primary.address, 'sys/policies/acl/promoter', {
      token: primary.token,
      body: { policy: 'path "sys/replication/dr/secondary/promote" { capabilities = ["update"] }' },
    });
    const created = await api(primary.address, 'auth/token/create', {
      token: primary.token,
      body: { policies: ['promoter'], type: 'batch', no_parent: true },
    });
    const promoter = String((created.json?.auth as Record<string, unknown> | undefined)?.client_token);
    // A secondary of its own, promoted here, so the other tests keep theirs attached.
    const own = await devServer(['-dev-root-token-id=root-c']);
    servers.push(own);
    const promotable = { address: own.address, token: 'root-c' };
    // It signs wrapping JWTs with its own key until it gets the primary's.
    expect((await api(own.address, 'sys/wrapping/pubkey')).status).toBe(200);
    await enableDrSecondary(promotable, await drSecondaryToken(primary, 'dr-c'));
    const jwt = await drSecondaryToken(primary, 'unwrapped-after-promote');
    const primaryKey = (await api(primary.address, 'sys/wrapping/pubkey')).json?.data;
    await waitForMatchingMerkleRoots(primary, promotable);
    const promoted = await api(own.address, 'sys/replication/dr/secondary/promote', {
      body: { dr_operation_token: promoter },
    });
    expect(promoted.status, promoted.text).toBe(200);
    expect((await api(own.address, 'sys/wrapping/pubkey')).json?.data).toEqual(primaryKey);
    const unwrapped = await api(own.address, 'sys/wrapping/unwrap', { body: { token: jwt } });
    expect(unwrapped.status, unwrapped.text).toBe(200);
  });
});
