import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtinBackends } from '../../src/backends/catalog.js';
import { HttpClient } from '../../src/client/http.js';
import { leader, sealStatus, sysHealth } from '../../src/client/sys-status.js';
import { Core } from '../../src/core/core.js';
import { drReplication } from '../../src/replication/dr-mode.js';
import { createApiHandler } from '../../src/server/api-handler.js';
import { type Listener, startListener } from '../../src/server/node-listener.js';
import { MemoryBackend } from '../../src/storage/memory.js';

describe('sys/health, sys/seal-status, sys/leader', () => {
  let core: Core;
  let listener: Listener;
  let client: HttpClient;
  beforeAll(async () => {
    core = new Core({ physical: new MemoryBackend(), replication: drReplication, backends: builtinBackends });
    listener = await startListener({
      host: '127.0.0.1',
      port: 0,
      handler: createApiHandler({ handle: (req) => core.handle(req) }),
    });
    client = new HttpClient({ address: listener.address, maxRetries: 0 });
  });
  afterAll(async () => {
    await client.close();
    await listener.close();
    await core.close();
  });

  test('an uninitialised node still answers sys/health (codes forced to 299)', async () => {
    const health = await sysHealth(client);
    expect(health).toMatchObject({ initialized: false, sealed: true });
    expect(await sealStatus(client)).toMatchObject({ type: 'shamir', initialized: false, sealed: true });
  });

  test('an unsealed node reports its seal and leader state', async () => {
    const init = await core.initialize(1, 1);
    await core.submitUnsealShare(new Uint8Array(Buffer.from(init.keysBase64[0] ?? '', 'base64')));
    expect(await sysHealth(client)).toMatchObject({ initialized: true, sealed: false, standby: false });
    expect(await sealStatus(client)).toMatchObject({ sealed: false, t: 1, n: 1 });
    expect(await leader(client)).toMatchObject({ ha_enabled: false });
  });
});
