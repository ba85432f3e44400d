import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadServerConfig } from '../../src/server/config-file.js';
import { type RunningNode, startNode } from '../../src/server/node.js';
import { UI_CSP } from '../../src/server/ui-route.js';

const get = async (node: RunningNode, path: string, token?: string) => {
  const res = await fetch(`${node.address}${path}`, { headers: token ? { 'x-vault-token': token } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), res };
};

describe('sys/metrics through the API (token required)', () => {
  let node: RunningNode;
  let token: string;
  beforeAll(async () => {
    node = await startNode({
      storage: { kind: 'memory' },
      listener: { host: '127.0.0.1', port: 0 },
      telemetry: { disableHostname: false },
      dev: { kv: 'v2' },
    });
    token = node.rootToken ?? '';
  });
  afterAll(() => node?.close());

  test('needs a token when the listener does not allow unauthenticated access', async () => {
    const res = await get(node, '/v1/sys/metrics');
    expect(res.status).toBe(403);
    expect(res.text).toContain('permission denied');
  });

  test('JSON form: go-metrics intervals, gauges carry the host name', async () => {
    await fetch(`${node.address}/v1/secret/data/a`, {
      method: 'PUT',
      headers: { 'x-vault-token': token, 'content-type': 'application/json' },
      body: '{"data":{"v":"1"}}',
    });
    const res = await get(node, '/v1/sys/metrics', token);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    const body = JSON.parse(res.text) as Record<string, { Name: string; Count?: number }[]>;
    expect(Object.keys(body)).toEqual(['Timestamp', 'Gauges', 'Points', 'Counters', 'Samples']);
    expect(String(body.Timestamp)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d0 \+0000 UTC$/);
    const gauge = body.Gauges?.find((g) => g.Name.endsWith('.replication.wal.last_wal'));
    expect(gauge?.Name).toMatch(/^vault\.[^.]+\.replication\.wal\.last_wal$/);
    // Samples show the last complete 10-second interval, which may predate this test's requests.
    expect(Array.isArray(body.Samples) && Array.isArray(body.Counters)).toBe(true);
  });

  test('Prometheus form through prom-client, and Vault’s errors for a bad format', async () => {
    const prom = await get(node, '/v1/sys/metrics?format=prometheus', token);
    expect(prom.status).toBe(200);
    expect(prom.type).toContain('text/plain; version=0.0.4');
    expect(prom.text).toContain('# TYPE vault_core_handle_request summary');
    expect(prom.text).toMatch(/vault_core_handle_request\{quantile="0.5"\} /);
    expect(prom.text).toMatch(/^vault_[a-zA-Z0-9_]+_replication_wal_last_wal 0$/m);
    const bad = await get(node, '/v1/sys/metrics?format=xml', token);
    expect(bad.status).toBe(400);
    expect(bad.text).toBe('metric response format "xml" unknown');
  });

  test('/ui/ carries a strict CSP and serves only its own flat file names', async () => {
    const page = await get(node, '/ui/');
    expect(page.res.headers.get('content-security-policy')).toBe(UI_CSP);
    expect(UI_CSP).not.toContain('unsafe');
    expect(page.res.headers.get('x-content-type-options')).toBe('nosniff');
    const redirect = await fetch(`${node.address}/ui`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/ui/');
    for (const path of ['/ui/..%2f..%2fpackage.json', '/ui/missing.js']) {
      const res = await get(node, path);
      expect(res.text).not.toContain('"name": "hvr"');
    }
    expect((await get(node, '/ui/missing.js')).status).toBe(404);
    expect((await fetch(`${node.address}/ui/`, { method: 'POST' })).status).toBe(405);
  });
});

describe('telemetry config', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-telemetry-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('telemetry stanza and the listener’s unauthenticated_metrics_access', async () => {
    const path = join(dir, 'a.hcl');
    await writeFile(
      path,
      'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n  telemetry {\n    unauthenticated_metrics_access = true\n  }\n}\ntelemetry {\n  prometheus_retention_time = "0s"\n  disable_hostname = true\n}\n',
    );
    const config = loadServerConfig(path);
    expect(config.listener.unauthenticatedMetricsAccess).toBe(true);
    expect(config.telemetry).toEqual({ prometheusRetentionSeconds: 0, disableHostname: true });
    const node = await startNode({ ...config, dev: { kv: 'none' } });
    try {
      const json = await get(node, '/v1/sys/metrics');
      expect(json.status).toBe(200);
      expect(json.text).toContain('"Name":"vault.replication.wal.last_wal"');
      const prom = await get(node, '/v1/sys/metrics?format=prometheus');
      expect(prom.status).toBe(400);
      expect(prom.text).toBe('prometheus is not enabled');
      expect((await fetch(`${node.address}/v1/sys/metrics`, { method: 'POST' })).status).toBe(405);
    } finally {
      await node.close();
    }
  });

  test('a bad prometheus_retention_time is refused with the setting named', async () => {
    const path = join(dir, 'b.hcl');
    await writeFile(
      path,
      'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\ntelemetry {\n  prometheus_retention_time = "soon"\n}\n',
    );
    expect(() => loadServerConfig(path)).toThrow(/telemetry.prometheus_retention_time must be a duration/);
  });
});
