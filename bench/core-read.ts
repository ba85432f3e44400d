/**
 * `node --import tsx bench/core-read.ts [distDir]`: CPU per KV v2 read through the whole API
 * handler, in one process, with no socket: an embedded node over a temp HVR_HOME, a token
 * holding two ACL policies (not root, so its entry and ACL are the work measured), reads
 * cycling over 64 secrets. Prints one JSON line: reads, CPU microseconds per read (user+sys).
 * Compare builds by running it alternately against two dist/ folders; CPU time is steadier
 * than wall time on a shared machine, but still quote ratios of medians, not one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Sendable {
  token: string | undefined;
  send(req: {
    method: 'GET' | 'PUT' | 'POST';
    path: string;
    body?: unknown;
  }): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

const dist = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'dist'));
const READS = Number(process.env.HVR_BENCH_CORE_READS ?? '3000');
const home = mkdtempSync(join(tmpdir(), 'hvr-bench-core-'));
try {
  const { openEmbedded } = (await import(pathToFileURL(join(dist, 'client', 'embedded.js')).href)) as {
    openEmbedded(opts: { home: string }): Promise<Sendable>;
  };
  const client = await openEmbedded({ home });
  const call = async (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) => {
    const res = await client.send({ method, path, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res;
  };
  await call('PUT', 'sys/policies/acl/bench-a', {
    policy: 'path "secret/data/bench/*" { capabilities = ["read"] }',
  });
  await call('PUT', 'sys/policies/acl/bench-b', {
    policy: 'path "secret/metadata/*" { capabilities = ["list"] }',
  });
  for (let i = 0; i < 64; i++)
    await call('PUT', `secret/data/bench/k${i}`, { data: { username: 'bench', n: i } });
  const created = await call('POST', 'auth/token/create', { policies: ['bench-a', 'bench-b'] });
  client.token = (JSON.parse(created.text) as { auth: { client_token: string } }).auth.client_token;
  for (let i = 0; i < 300; i++) await call('GET', `secret/data/bench/k${i % 64}`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < READS; i++) await call('GET', `secret/data/bench/k${i % 64}`);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  await client.close();
  process.stdout.write(
    `${JSON.stringify({ dist, reads: READS, cpuUsPerRead: (cpu.user + cpu.system) / READS, wallUsPerRead: (wallMs * 1000) / READS })}\n`,
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
