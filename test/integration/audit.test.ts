import { mkdtemp, readFile, rename, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { devServer, type ServerProcess } from '../helpers/server-process.js';
import { createToken, errorsOf, writePolicy } from '../helpers/tokens.js';

interface AuditLine {
  readonly type: 'request' | 'response';
  readonly time: string;
  readonly auth: Record<string, unknown>;
  readonly request: {
    id: string;
    path: string;
    operation: string;
    client_token?: string;
    data?: Record<string, unknown>;
  };
  readonly response?: { data?: Record<string, unknown> };
  readonly error?: string;
}

const HMAC = /^hmac-sha256:[0-9a-f]{64}$/;

/**
 * The file audit device over real HTTP (website/content/api-docs/system/audit.mdx,
 * audit-hash.mdx): one JSON object per line for every request and every response, sensitive
 * strings HMAC-SHA256'd with the device's salt, and requests refused (Vault's 500 `internal
 * error`, request_handling.go) when no device can write.
 */
describe('audit devices over real HTTP', () => {
  let server: ServerProcess;
  let addr: string;
  let dir: string;
  let logPath: string;
  const root = 'root-token-for-audit-tests';

  const readLines = async (path: string): Promise<AuditLine[]> => {
    const text = await readFile(path, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AuditLine);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-audit-'));
    logPath = join(dir, 'audit.log');
    server = await devServer([`-dev-root-token-id=${root}`]);
    addr = server.address;
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('enabling a device needs sudo; sys/audit lists it', async () => {
    await writePolicy(
      addr,
      root,
      'audit-admin',
      'path "sys/audit/*" { capabilities = ["update", "read"] }\npath "sys/audit" { capabilities = ["read"] }',
    );
    const noSudo = await createToken(addr, root, { policies: ['audit-admin'] });
    const body = { type: 'file', options: { file_path: logPath } };
    const refused = await api(addr, 'sys/audit/file', { token: noSudo.client_token, body });
    expect(refused.status).toBe(403);
    expect((await api(addr, 'sys/audit', { token: noSudo.client_token })).status).toBe(403);

    const enabled = await api(addr, 'sys/audit/file', { token: root, body });
    expect(enabled.status).toBe(204);
    const listed = await api(addr, 'sys/audit', { token: root });
    expect(listed.status).toBe(200);
    const entry = {
      type: 'file',
      description: '',
      options: { file_path: logPath },
      local: false,
      path: 'file/',
    };
    expect(dataOf(listed)).toEqual({ 'file/': entry });
    // sys/audit is one of the routes whose data is also copied to the top level.
    expect(listed.json?.['file/']).toEqual(entry);

    const again = await api(addr, 'sys/audit/file', { token: root, body });
    expect(again.status).toBe(400);
    // A directory cannot be opened for appending: the factory's sanity check refuses it.
    const unopenable = await api(addr, 'sys/audit/bad', {
      token: root,
      body: { type: 'file', options: { file_path: dir } },
    });
    expect(unopenable.status).toBe(400);
    expect(String(errorsOf(unopenable))).toContain('sanity check failed');
    expect(Object.keys(dataOf(await api(addr, 'sys/audit', { token: root })))).toEqual(['file/']);
  });

  test('every request and every response is one JSON line, with tokens and secret values hashed', async () => {
    const before = (await readLines(logPath)).length;
    const write = await api(addr, 'secret/data/audited', {
      token: root,
      body: { data: { password: 'hunter2' } },
    });
    expect(write.status).toBe(200);
    const requestId = String(write.json?.request_id);
    expect((await api(addr, 'secret/data/audited', { token: root })).status).toBe(200);
    expect((await api(addr, 'secret/metadata/?list=true', { token: root })).status).toBe(200);

    const lines = await readLines(logPath);
    const added = lines.slice(before);
    expect(added.map((line) => line.type)).toEqual([
      'request',
      'response',
      'request',
      'response',
      'request',
      'response',
    ]);
    expect(added.map((line) => line.request.operation)).toEqual([
      'update',
      'update',
      'read',
      'read',
      'list',
      'list',
    ]);

    const forWrite = added.filter((line) => line.request.id === requestId);
    expect(forWrite.map((line) => line.type)).toEqual(['request', 'response']);
    for (const line of forWrite) {
      expect(line.request.path).toBe('secret/data/audited');
      expect(line.request.client_token).toMatch(HMAC);
      expect(line.auth.client_token).toBe(line.request.client_token);
      expect(line.auth.accessor).toMatch(HMAC);
      expect(line.auth.policies).toEqual(['root']);
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
    }
    const written = (forWrite[0]?.request.data?.data ?? {}) as Record<string, unknown>;
    const password = written.password;
    expect(password).toMatch(HMAC);

    // sys/audit-hash hashes with the same salt, so a known value can be found in the log.
    const hashed = await api(addr, 'sys/audit-hash/file', { token: root, body: { input: 'hunter2' } });
    expect(hashed.status).toBe(200);
    expect(dataOf(hashed).hash).toBe(password);
    expect(hashed.json?.hash).toBe(password);
    const tokenHash = dataOf(
      await api(addr, 'sys/audit-hash/file', { token: root, body: { input: root } }),
    ).hash;
    expect(forWrite[0]?.request.client_token).toBe(tokenHash);

    const text = await readFile(logPath, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(root);
    const unknownDevice = await api(addr, 'sys/audit-hash/nope', { token: root, body: { input: 'x' } });
    expect(unknownDevice.status).toBe(400);
  });

  test('a disabled device stops writing and leaves the table', async () => {
    const disabled = await api(addr, 'sys/audit/file', { token: root, method: 'DELETE' });
    expect(disabled.status).toBe(204);
    const count = (await readLines(logPath)).length;
    expect(dataOf(await api(addr, 'sys/audit', { token: root }))).toEqual({});
    expect(
      (await api(addr, 'secret/data/after-disable', { token: root, body: { data: { a: 'b' } } })).status,
    ).toBe(200);
    expect((await readLines(logPath)).length).toBe(count);
  });

  test('when no device can write, requests fail with 500 and nothing reaches storage', async () => {
    // A symlink to /dev/full opens fine (the sanity check passes) but every write fails
    // with ENOSPC; pointing it at a regular file afterwards lets the device recover.
    const sink = join(dir, 'sink');
    await symlink('/dev/full', sink);
    const enabled = await api(addr, 'sys/audit/full', {
      token: root,
      body: { type: 'file', options: { file_path: sink } },
    });
    expect(enabled.status).toBe(204);

    const blocked = await api(addr, 'secret/data/blocked', { token: root, body: { data: { k: 'v' } } });
    expect(blocked.status).toBe(500);
    expect(blocked.json).toEqual({ errors: ['internal error'] });
    expect((await api(addr, 'secret/data/blocked', { token: root })).status).toBe(500);

    const recovered = join(dir, 'recovered.log');
    await symlink(recovered, `${sink}.next`);
    await rename(`${sink}.next`, sink);
    expect((await api(addr, 'sys/audit/full', { token: root, method: 'DELETE' })).status).toBe(204);
    expect((await readLines(recovered)).map((line) => line.request.path)).toEqual(['sys/audit/full']);

    const read = await api(addr, 'secret/data/blocked', { token: root });
    expect(read.status).toBe(404);
    expect((await api(addr, 'secret/metadata/blocked', { token: root })).status).toBe(404);
    expect(dataOf(await api(addr, 'sys/audit', { token: root }))).toEqual({});
  });
});
