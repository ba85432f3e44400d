import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import type { Client, WireRequest } from '../../src/client/client.js';
import { type EmbeddedClient, openEmbedded } from '../../src/client/embedded.js';
import { ClientConfigError, DataDirError } from '../../src/client/errors.js';
import { HttpClient } from '../../src/client/http.js';
import { logical } from '../../src/client/logical.js';
import { type RunningNode, startNode } from '../../src/server/node.js';
import { childEnv } from '../helpers/child-env.js';
import { waitFor } from '../helpers/wait-for.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'hvr-embedded-'));
  return () => rm(home, { recursive: true, force: true });
});

async function open(opts: Parameters<typeof openEmbedded>[0] = {}): Promise<EmbeddedClient> {
  const client = await openEmbedded({ home, ...opts });
  onTestFinished(() => client.close());
  return client;
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe('openEmbedded', () => {
  test('first use creates the directory, 0600 key files and secret/ (KV v2)', async () => {
    const client = await open();
    expect(client.created).toBe(true);
    expect(client.address).toBe('embedded://default');
    expect(client.paths).toEqual({
      dir: join(home, 'default'),
      storageFile: join(home, 'default', 'hvr.sqlite'),
      unsealKeyFile: join(home, 'default', 'unseal-key'),
      rootTokenFile: join(home, 'default', 'root-token'),
    });
    expect(await modeOf(client.paths.dir)).toBe(0o700);
    expect(await modeOf(client.paths.unsealKeyFile)).toBe(0o600);
    expect(await modeOf(client.paths.rootTokenFile)).toBe(0o600);
    expect((await readFile(client.paths.rootTokenFile, 'utf8')).trim()).toBe(client.rootToken);
    expect(client.token).toBe(client.rootToken);

    const api = logical(client);
    await api.write('secret/data/app', { data: { user: 'alice' } });
    expect((await api.read('secret/data/app'))?.data?.data).toEqual({ user: 'alice' });
    const mounts = await api.read('sys/mounts');
    expect(mounts?.data?.['secret/']).toMatchObject({
      type: 'kv',
      description: 'key/value secret storage',
      options: { version: '2' },
    });
  });

  test('a second open reuses the directory: same root token, same data, nothing created', async () => {
    const first = await openEmbedded({ home, cluster: 'dr' });
    await logical(first).write('secret/data/kept', { data: { v: '1' } });
    await first.close();
    const second = await open({ cluster: 'dr' });
    expect(second.created).toBe(false);
    expect(second.address).toBe('embedded://dr');
    expect(second.rootToken).toBe(first.rootToken);
    expect((await logical(second).read('secret/data/kept'))?.data?.data).toEqual({ v: '1' });
  });

  test('home and cluster come from HVR_HOME and HVR_CLUSTER; a given token replaces the root token', async () => {
    const client = await openEmbedded({ env: { HVR_HOME: home, HVR_CLUSTER: 'pri' }, token: 'other' });
    onTestFinished(() => client.close());
    expect(client.paths.dir).toBe(join(home, 'pri'));
    expect(client.token).toBe('other');
    const error = await logical(client)
      .read('secret/data/x')
      .catch((e: unknown) => e);
    expect((error as { statusCode?: number }).statusCode).toBe(403);
    expect((error as Error).message).toContain('URL: GET embedded://pri/v1/secret/data/x');
  });

  test('two opens racing in one process both succeed and exactly one creates', async () => {
    const [a, b] = await Promise.all([open({ cluster: 'same' }), open({ cluster: 'same' })]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.rootToken).toBe(b.rootToken);
  });

  test('a data directory under a regular file is a DataDirError naming it and why', async () => {
    const file = join(home, 'not-a-dir');
    await writeFile(file, 'x');
    const error = await openEmbedded({ home: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    const dde = error as DataDirError;
    expect(dde.code).toBe('HVR_CLIENT_DATA_DIR');
    expect(dde.dir).toBe(join(file, 'default'));
    expect(dde.reason).toContain('not a directory');
    expect(dde.message).toBe(`cannot use data directory ${join(file, 'default')}: ${dde.reason}`);
  });

  test('key files without storage are refused rather than silently re-initialised', async () => {
    const client = await openEmbedded({ home });
    await client.close();
    await rm(client.paths.storageFile);
    await expect(openEmbedded({ home })).rejects.toThrow(DataDirError);
  });

  test('a cluster name that is not a plain directory name is refused', async () => {
    await expect(openEmbedded({ home, cluster: '../escape' })).rejects.toBeInstanceOf(ClientConfigError);
  });
});

describe('embedded and HTTP answer alike', () => {
  let node: RunningNode;
  let http: HttpClient;
  let dir: string;
  let embedded: EmbeddedClient;
  beforeAll(async () => {
    node = await startNode({
      storage: { kind: 'memory' },
      listener: { host: '127.0.0.1', port: 0 },
      dev: { kv: 'v2', rootTokenId: 'root' },
    });
    http = new HttpClient({ address: node.address, token: 'root', maxRetries: 0 });
    dir = await mkdtemp(join(tmpdir(), 'hvr-embedded-cmp-'));
    embedded = await openEmbedded({ home: dir });
  });
  afterAll(async () => {
    await embedded.close();
    await http.close();
    await node.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Request ids and times differ between two nodes; everything else must not. */
  const normalise = (text: string) =>
    text
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>');

  const requests: WireRequest[] = [
    { method: 'PUT', path: 'secret/data/cmp', body: { data: { a: '1', n: 2 } } },
    { method: 'GET', path: 'secret/data/cmp' },
    { method: 'GET', path: 'secret/data/cmp', query: { version: '1' } },
    { method: 'GET', path: 'secret/data/missing' },
    { method: 'GET', path: 'secret/metadata/', query: { list: 'true' } },
    {
      method: 'PATCH',
      path: 'secret/data/cmp',
      body: { data: { b: '3' } },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    },
    { method: 'PATCH', path: 'secret/data/cmp', body: { data: { b: '4' } } },
    { method: 'GET', path: 'secret/data/cmp', token: 'bogus' },
    { method: 'GET', path: 'secret/data/cmp', token: '' },
    { method: 'PUT', path: 'secret/config', body: null },
    { method: 'DELETE', path: 'secret/metadata/cmp' },
    { method: 'GET', path: 'no/such/mount' },
    { method: 'PUT', path: 'sys/wrapping/wrap', body: { x: 'y' } },
  ];

  test.each(requests.map((req) => [`${req.method} ${req.path}`, req] as const))(
    '%s: same status and body',
    async (_name, req) => {
      const viaHttp = await http.send(req);
      const viaEmbedded = await embedded.send(req);
      expect(viaEmbedded.status).toBe(viaHttp.status);
      expect(normalise(viaEmbedded.text)).toBe(normalise(viaHttp.text));
      expect(viaEmbedded.headers['content-type']).toBe(viaHttp.headers['content-type']);
    },
  );
});

describe('two processes opening a fresh cluster at once', () => {
  const fixture = resolve(import.meta.dirname, 'fixtures/open-embedded.ts');

  function child(env: NodeJS.ProcessEnv, startFile: string, name: string) {
    const proc = spawn(process.execPath, ['--import', 'tsx', fixture, startFile, name], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const exit = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
    onTestFinished(() => {
      if (proc.exitCode === null) proc.kill();
    });
    return { proc: proc as ChildProcess, exit, out: () => out, err: () => err };
  }

  test('neither corrupts it nor fails; exactly one initialises', { timeout: 60_000 }, async () => {
    const startFile = join(home, 'go');
    const env = childEnv({ HVR_HOME: join(home, 'hvr'), HVR_CLUSTER: 'race' });
    const children = [child(env, startFile, 'one'), child(env, startFile, 'two')];
    await waitFor(
      'both children to be ready',
      async () => (children.every((c) => c.out().includes('ready')) ? true : undefined),
      30_000,
    );
    await writeFile(startFile, '');
    const codes = await Promise.all(children.map((c) => c.exit));
    expect(codes, children.map((c) => c.err()).join('\n')).toEqual([0, 0]);
    const reports = children.map(
      (c) =>
        JSON.parse(
          c
            .out()
            .split('\n')
            .filter((l) => l.startsWith('{'))[0] ?? '{}',
        ) as {
          created: boolean;
          rootToken: string;
        },
    );
    expect(reports.map((r) => r.created).sort()).toEqual([false, true]);
    expect(reports[0]?.rootToken).toBe(reports[1]?.rootToken);

    const after: Client = await open({ home: join(home, 'hvr'), cluster: 'race' });
    const api = logical(after);
    expect((await api.read('secret/data/one'))?.data?.data).toEqual({ by: 'one' });
    expect((await api.read('secret/data/two'))?.data?.data).toEqual({ by: 'two' });
  });
});
