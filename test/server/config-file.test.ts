import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadServerConfig } from '../../src/server/config-file.js';

describe('hvr server -config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-config-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const load = async (text: string) => {
    const file = join(dir, `c${Math.random().toString(36).slice(2)}.hcl`);
    await writeFile(file, text);
    return () => loadServerConfig(file);
  };

  test("the client libraries' own test configs: legacy `backend`, numeric and string booleans", async () => {
    // node-vault's and hvac's test servers use `backend "inmem"` and `tls_disable = 1`.
    const nodeVault = (
      await load(
        'backend "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:8200"\n  tls_disable = 1\n}\ndisable_mlock = true\n',
      )
    )();
    expect(nodeVault).toEqual({ storage: { kind: 'memory' }, listener: { host: '127.0.0.1', port: 8200 } });
    for (const spelling of ['"1"', '"t"', '"TRUE"', '"True"', 'true']) {
      const config = (await load(`storage "inmem" {}\nlistener "tcp" { tls_disable = ${spelling} }\n`))();
      expect(config.listener.tls).toBeUndefined();
    }
    // False spellings keep TLS on, so certificate files are then required.
    for (const spelling of ['0', '"f"', '"false"']) {
      const load0 = await load(`storage "inmem" {}\nlistener "tcp" { tls_disable = ${spelling} }\n`);
      expect(load0).toThrow(/needs tls_cert_file and tls_key_file/);
    }
    const bad = await load('storage "inmem" {}\nlistener "tcp" { tls_disable = "yes" }\n');
    expect(bad).toThrow(/invalid value for "tls_disable": strconv.ParseBool: parsing "yes": invalid syntax/);
  });

  test('storage, listener, addresses and the replication stanza', async () => {
    const config = (
      await load(`
storage "raft" { path = "/var/lib/hvr" }
listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = true
}
api_addr     = "http://10.0.0.1:8200"
cluster_addr = "https://10.0.0.1:8201"
replication {
  logshipper_buffer_length = 1000
  dr_zero_rpo_min_acks     = 1
  dr_zero_rpo_ack_timeout  = "3s"
}
`)
    )();
    expect(config).toEqual({
      storage: { kind: 'sqlite', path: '/var/lib/hvr/hvr.sqlite' },
      listener: { host: '0.0.0.0', port: 8200 },
      apiAddr: 'http://10.0.0.1:8200',
      clusterAddr: 'https://10.0.0.1:8201',
      replication: { logshipperBufferLength: 1000, drZeroRpoMinAcks: 1, drZeroRpoAckTimeoutMs: 3000 },
    });
  });

  test('JSON works too', async () => {
    const config = (
      await load('{"storage":{"inmem":{}},"listener":{"tcp":{"address":"127.0.0.1:0","tls_disable":true}}}')
    )();
    expect(config.storage).toEqual({ kind: 'memory' });
  });

  test('bad input names the file and the fix', async () => {
    expect(
      await load('listener "tcp" { address = "127.0.0.1:1" tls_disable = true }').then((f) => () => f()),
    ).toThrow(/a storage stanza is required/);
    expect(await load('storage "consul" {}\nlistener "tcp" { tls_disable = true }')).toThrow(
      /unsupported storage type "consul"/,
    );
    expect(await load('storage "inmem" {}\nlistener "tcp" { address = "127.0.0.1:1" }')).toThrow(
      /tls_cert_file and tls_key_file, or tls_disable = true/,
    );
    expect(
      await load(
        'storage "inmem" {}\nlistener "tcp" { tls_disable = true }\nreplication { dr_zero_rpo_min_acks = -1 }',
      ),
    ).toThrow(/dr_zero_rpo_min_acks must be a whole number/);
    expect(() => loadServerConfig(join(dir, 'missing.hcl'))).toThrow(/cannot read .*missing.hcl: ENOENT/);
  });
});
