import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { drStatus, enableDrPrimary, type Node, waitForMatchingMerkleRoots } from '../helpers/replication.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';

describe('activation with the secondary’s public key (encrypted token, no unwrap call)', () => {
  const servers: ServerProcess[] = [];
  let primary: Node;
  const fresh = async (): Promise<Node> => {
    const token = `r${servers.length}`;
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

  test('generate-public-key, secondary-token with it, enable: replicates', async () => {
    const secondary = await fresh();
    const key = await api(secondary.address, 'sys/replication/dr/secondary/generate-public-key', {
      token: secondary.token,
      body: {},
    });
    const publicKey = String(dataOf(key).secondary_public_key);
    expect(publicKey.length).toBeGreaterThan(100);
    const issued = await api(primary.address, 'sys/replication/dr/primary/secondary-token', {
      token: primary.token,
      body: { id: 'pk-dr', secondary_public_key: publicKey },
    });
    expect(issued.status).toBe(200);
    expect(issued.json?.wrap_info).toBeNull();
    const token = String(dataOf(issued).token);
    const enabled = await api(secondary.address, 'sys/replication/dr/secondary/enable', {
      token: secondary.token,
      body: { token },
    });
    expect(enabled.status).toBe(200);
    await api(primary.address, 'secret/data/pk', { token: primary.token, body: { data: { a: 'b' } } });
    await waitForMatchingMerkleRoots(primary, secondary);
    expect(await drStatus(secondary)).toMatchObject({ mode: 'secondary', secondary_id: 'pk-dr' });
  });

  test('a token encrypted to another cluster’s key is refused and changes nothing', async () => {
    const intended = await fresh();
    const other = await fresh();
    const key = dataOf(
      await api(intended.address, 'sys/replication/dr/secondary/generate-public-key', {
        token: intended.token,
        body: {},
      }),
    );
    await api(other.address, 'sys/replication/dr/secondary/generate-public-key', {
      token: other.token,
      body: {},
    });
    const token = String(
      dataOf(
        await api(primary.address, 'sys/replication/dr/primary/secondary-token', {
          token: primary.token,
          body: { id: 'pk-other', secondary_public_key: key.secondary_public_key },
        }),
      ).token,
    );
    const res = await api(other.address, 'sys/replication/dr/secondary/enable', {
      token: other.token,
      body: { token },
    });
    expect(res.status).toBe(400);
    expect(String((res.json?.errors as string[] | undefined)?.[0])).toContain(
      'cannot be opened with this cluster’s key',
    );
    expect(await drStatus(other)).toEqual({ mode: 'disabled' });
    const badKey = await api(primary.address, 'sys/replication/dr/primary/secondary-token', {
      token: primary.token,
      body: { id: 'pk-bad', secondary_public_key: 'bm90IGEga2V5' },
    });
    expect(badKey.status).toBe(400);
    expect((await drStatus(primary)).known_secondaries).not.toContain('pk-bad');
  });
});
