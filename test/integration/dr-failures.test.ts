import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  certPem,
  createReplicationCA,
  issueCertificate,
  keyPem,
} from '../../src/replication/activation/replication-ca.js';
import { api } from '../helpers/api.js';
import { initAndUnseal, type PersistentNode, persistentNode } from '../helpers/persistent-node.js';
import {
  drSecondaryToken,
  drStatus,
  enableDrPrimary,
  enableDrSecondary,
  type Node,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { makeTlsFiles } from '../helpers/tls-files.js';
import { waitFor } from '../helpers/wait-for.js';

const errorOf = (res: { json?: Record<string, unknown> }) =>
  String((res.json?.errors as string[] | undefined)?.[0] ?? '');

describe('DR activation and link failures name their cause', () => {
  const servers: ServerProcess[] = [];
  let primary: Node;
  const fresh = async (): Promise<Node> => {
    const token = `root-${servers.length}`;
    const server = await devServer([`-dev-root-token-id=${token}`]);
    servers.push(server);
    return { address: server.address, token };
  };

  beforeAll(async () => {
    primary = await fresh();
    await enableDrPrimary(primary);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  test('enabling a secondary on a primary, and a primary twice, are refused and change nothing', async () => {
    const token = await drSecondaryToken(primary, 'nope-1');
    const res = await api(primary.address, 'sys/replication/dr/secondary/enable', {
      token: primary.token,
      body: { token },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toContain('this cluster is a DR primary');
    const twice = await api(primary.address, 'sys/replication/dr/primary/enable', {
      token: primary.token,
      body: {},
    });
    expect(errorOf(twice)).toContain('already a DR primary');
    expect((await drStatus(primary)).mode).toBe('primary');
  });

  test('a tampered JWT is refused by the primary’s signature check', async () => {
    const token = await drSecondaryToken(primary, 'tampered');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    claims.exp = Number(claims.exp) + 3600;
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const secondary = await fresh();
    const res = await api(secondary.address, 'sys/replication/dr/secondary/enable', {
      token: secondary.token,
      body: { token: forged },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatch(
      /error response unwrapping secondary token; status code is 400, message is "wrapping token signature could not be validated/,
    );
    expect(await drStatus(secondary)).toEqual({ mode: 'disabled' });
    expect(
      (await api(secondary.address, 'secret/data/x', { token: secondary.token, body: { data: { a: 'b' } } }))
        .status,
    ).toBe(200);
  });

  test('an unreachable primary API address is named, with primary_api_addr as the way out', async () => {
    const token = await drSecondaryToken(primary, 'unreachable');
    const secondary = await fresh();
    const res = await api(secondary.address, 'sys/replication/dr/secondary/enable', {
      token: secondary.token,
      body: { token, primary_api_addr: 'http://127.0.0.1:1' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toContain('http://127.0.0.1:1');
    expect(errorOf(res)).toContain('primary_api_addr');
  });

  test('a cluster address that answers with a certificate from another CA is reported as TLS interception', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hvr-lb-'));
    const tls = await makeTlsFiles(dir);
    const { readFile } = await import('node:fs/promises');
    const impostor = createServer(
      { cert: await readFile(tls.certFile), key: await readFile(tls.keyFile) },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const lbPrimary = await fresh();
      const port = (impostor.address() as AddressInfo).port;
      await api(lbPrimary.address, 'sys/replication/dr/primary/enable', {
        token: lbPrimary.token,
        body: { primary_cluster_addr: `https://127.0.0.1:${port}` },
      });
      const token = await drSecondaryToken(lbPrimary, 'behind-lb');
      const secondary = await fresh();
      const res = await api(secondary.address, 'sys/replication/dr/secondary/enable', {
        token: secondary.token,
        body: { token },
      });
      expect(res.status).toBe(400);
      expect(errorOf(res)).toContain('load balancer may be terminating TLS on the cluster port');
      expect(await drStatus(secondary)).toEqual({ mode: 'disabled' });
    } finally {
      impostor.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the cluster port refuses a client certificate from another CA', async () => {
    const token = await drSecondaryToken(primary, 'peek');
    const unwrapped = await api(primary.address, 'sys/wrapping/unwrap', { body: { token } });
    const bundle = unwrapped.json?.data as Record<string, unknown>;
    const stranger = await createReplicationCA();
    const cert = await issueCertificate(stranger, { usage: 'client' });
    const agent = new Agent({
      connect: {
        ca: certPem(String(bundle.ca_cert)),
        cert: certPem(cert.certDer),
        key: keyPem(cert.key),
        checkServerIdentity: () => undefined,
      },
    });
    try {
      await expect(
        request(`${String(bundle.primary_cluster_addr)}/v1/replication/merkle/root`, {
          method: 'POST',
          dispatcher: agent,
          body: '{}',
        }).then((r) => r.body.text()),
      ).rejects.toThrow();
    } finally {
      await agent.close();
    }
  });

  test('revoke-secondary disconnects it and refuses it from then on', async () => {
    const secondary = await fresh();
    await enableDrSecondary(secondary, await drSecondaryToken(primary, 'to-revoke'));
    await waitForMatchingMerkleRoots(primary, secondary);
    expect(
      (
        await api(primary.address, 'sys/replication/dr/primary/revoke-secondary', {
          token: primary.token,
          body: { id: 'to-revoke' },
        })
      ).status,
    ).toBe(204);
    expect((await drStatus(primary)).known_secondaries).not.toContain('to-revoke');
    const before = Number((await drStatus(secondary)).last_remote_wal);
    await api(primary.address, 'secret/data/after-revoke', {
      token: primary.token,
      body: { data: { a: 'b' } },
    });
    await waitFor('the revoked secondary to lose its connection', async () =>
      (await drStatus(secondary)).connection_state === 'transient_failure' ? true : undefined,
    );
    expect(Number((await drStatus(secondary)).last_remote_wal)).toBe(before);
  });
});

describe('a secondary offline for longer than the WAL buffer catches up by merkle sync', () => {
  let dir: string;
  let pri: PersistentNode;
  let sec: PersistentNode;
  let key: string;
  let root: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-dr-buffer-'));
    pri = await persistentNode(join(dir, 'pri'), 'replication {\n  logshipper_buffer_length = 20\n}\n');
    sec = await persistentNode(join(dir, 'sec'));
    ({ key, rootToken: root } = await initAndUnseal(pri.server.address));
    const secRoot = (await initAndUnseal(sec.server.address)).rootToken;
    await api(pri.server.address, 'sys/mounts/secret', {
      token: root,
      body: { type: 'kv', options: { version: '2' } },
    });
    await enableDrPrimary({ address: pri.server.address, token: root });
    await enableDrSecondary(
      { address: sec.server.address, token: secRoot },
      await drSecondaryToken({ address: pri.server.address, token: root }, 'offline'),
    );
    await waitForMatchingMerkleRoots(
      { address: pri.server.address, token: root },
      { address: sec.server.address, token: root },
    );
  });
  afterAll(async () => {
    await Promise.all([pri?.server.stop(), sec?.server.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('100 writes while it was down, buffer 20: merkle-diff, merkle-sync, then stream-wals with equal roots', async () => {
    await sec.server.stop();
    for (let i = 0; i < 100; i++) {
      await api(pri.server.address, `secret/data/offline/${i}`, {
        token: root,
        body: { data: { i: String(i) } },
      });
    }
    await sec.start();
    await api(sec.server.address, 'sys/unseal', { body: { key } });
    await waitForMatchingMerkleRoots(
      { address: pri.server.address, token: root },
      { address: sec.server.address, token: root },
    );
    await api(pri.server.address, 'secret/data/after-sync', { token: root, body: { data: { a: 'b' } } });
    await waitForMatchingMerkleRoots(
      { address: pri.server.address, token: root },
      { address: sec.server.address, token: root },
    );
  });
});
