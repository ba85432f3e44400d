import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { once } from '../helpers/once.js';
import {
  drOperationToken,
  drSecondaryToken,
  drStatus,
  enableDrPrimary,
  enableDrSecondary,
  type Node,
  waitForMatchingMerkleRoots,
} from '../helpers/replication.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';

describe('DR replication between two hvr server processes over mTLS', () => {
  let pri: ServerProcess;
  let sec: ServerProcess;
  let primary: Node;
  let secondary: Node;
  let issuedToken = '';

  beforeAll(async () => {
    pri = await devServer(['-dev-root-token-id=pri-root']);
    sec = await devServer(['-dev-root-token-id=sec-root']);
    primary = { address: pri.address, token: 'pri-root' };
    secondary = { address: sec.address, token: 'sec-root' };
  });
  afterAll(async () => {
    await Promise.all([pri?.stop(), sec?.stop()]);
  });

  // Each test awaits the steps it needs (helpers/once.ts): any test runs alone or in any order.
  const activated = once(async () => {
    for (let i = 0; i < 50; i++) {
      await api(primary.address, `secret/data/before/${i}`, {
        token: primary.token,
        body: { data: { i: String(i) } },
      });
    }
    await enableDrPrimary(primary);
    const status = await drStatus(primary);
    expect(status).toMatchObject({ mode: 'primary', state: 'running', known_secondaries: [] });
    expect(String(status.merkle_root)).toMatch(/^[0-9a-f]{40}$/);

    const token = await drSecondaryToken(primary, 'us-east-2-dr');
    expect(token.startsWith('eyJhbGciOiJFUzUxMiIsInR5cCI6IkpXVCJ9.')).toBe(true);
    expect((await drStatus(primary)).known_secondaries).toEqual(['us-east-2-dr']);

    await enableDrSecondary(secondary, token);
    const created = await api(primary.address, 'auth/token/create', {
      token: primary.token,
      body: { policies: ['default'] },
    });
    const clientToken = String((created.json?.auth as Record<string, unknown> | undefined)?.client_token);
    for (let i = 0; i < 50; i++) {
      await api(primary.address, `secret/data/after/${i}`, {
        token: primary.token,
        body: { data: { i: String(i) } },
      });
    }
    await waitForMatchingMerkleRoots(primary, secondary);
    const secStatus = await drStatus(secondary);
    expect(secStatus).toMatchObject({
      mode: 'secondary',
      secondary_id: 'us-east-2-dr',
      connection_state: 'ready',
    });
    expect(secStatus.cluster_id).toBe((await drStatus(primary)).cluster_id);
    issuedToken = clientToken;

    const health = await api(secondary.address, 'sys/health');
    expect(health.status).toBe(472);
    expect(health.json).toMatchObject({ replication_dr_mode: 'secondary' });
    const disabled = await api(secondary.address, 'secret/data/after/1', { token: primary.token });
    expect(disabled.status).toBe(400);
    expect(disabled.json).toEqual({ errors: ['path disabled in replication DR secondary mode'] });

    const primaryView = dataOf(await api(primary.address, 'sys/replication/status'));
    expect((primaryView.dr as Record<string, unknown>).secondaries).toEqual([
      expect.objectContaining({ node_id: 'us-east-2-dr', connection_status: 'connected' }),
    ]);
  });

  test('enable, activate, stream: data, tokens and merkle roots arrive', async () => {
    await activated();
  });

  const bulkWritten = once(async () => {
    await activated();
    const total = 10_000;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const res = await api(primary.address, `secret/data/bulk/${i % 500}/${i}`, {
          token: primary.token,
          body: { data: { i: String(i) } },
        });
        if (res.status !== 200) throw new Error(`write ${i} failed: ${res.status} ${res.text}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return waitForMatchingMerkleRoots(primary, secondary, 120_000);
  });

  test('10,000 KV writes on the primary arrive on the secondary with equal merkle roots', async () => {
    expect(await bulkWritten()).toMatch(/^[0-9a-f]{40}$/);
  }, 240_000);

  test('tokens are replicated: once the secondary is disabled it serves the primary’s token', async () => {
    await bulkWritten();
    const refused = await api(secondary.address, 'sys/replication/dr/secondary/disable', {
      token: primary.token,
      body: {},
    });
    expect(refused.status).toBe(400);
    const opToken = await drOperationToken(secondary, [pri.unsealKey() ?? '']);
    const disabled = await api(secondary.address, 'sys/replication/dr/secondary/disable', {
      body: { dr_operation_token: opToken },
    });
    expect(disabled.status).toBe(200);
    expect(await drStatus(secondary)).toEqual({ mode: 'disabled' });
    const self = await api(secondary.address, 'auth/token/lookup-self', { token: issuedToken });
    expect(self.status).toBe(200);
    expect(dataOf(self).policies).toEqual(['default']);
    const read = await api(secondary.address, 'secret/data/bulk/7/7', { token: primary.token });
    expect((dataOf(read).data as Record<string, unknown>).i).toBe('7');
  }, 240_000);

  test('a used activation token is refused with the primary’s reason', async () => {
    await activated();
    const token = await drSecondaryToken(primary, 'second');
    const third = await devServer(['-dev-root-token-id=third-root']);
    try {
      await enableDrSecondary({ address: third.address, token: 'third-root' }, token);
      const fourth = await devServer(['-dev-root-token-id=fourth-root']);
      try {
        const reuse = await api(fourth.address, 'sys/replication/dr/secondary/enable', {
          token: 'fourth-root',
          body: { token },
        });
        expect(reuse.status).toBe(400);
        expect(String((reuse.json?.errors as string[] | undefined)?.[0])).toContain(
          'wrapping token is not valid or does not exist',
        );
        const stillStandalone = await drStatus({ address: fourth.address, token: 'fourth-root' });
        expect(stillStandalone).toEqual({ mode: 'disabled' });
      } finally {
        await fourth.stop();
      }
    } finally {
      await third.stop();
    }
  });
});
