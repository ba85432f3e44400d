import { createHmac } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { createFileAuditDevice } from '../../../src/core/audit/file-device.js';
import { HvrError } from '../../../src/logical/errors.js';
import { ACCESSOR, kvInput, kvWrite, readLines, SALT, TOKEN, tempDir } from './fixtures.js';

// Computed independently of src/: HMAC-SHA256 keyed by the salt, as Vault's salt package does.
const h = (value: string) => `hmac-sha256:${createHmac('sha256', SALT).update(value).digest('hex')}`;

function device(options: Record<string, string> = {}) {
  const filePath = join(tempDir(), 'logs', 'audit.log');
  const dev = createFileAuditDevice({
    path: 'file/',
    options: { file_path: filePath, ...options },
    salt: SALT,
  });
  return { dev, filePath };
}

describe('file audit device', () => {
  test('a request and its response make two JSON lines, hashed as Vault hashes them', async () => {
    const { dev, filePath } = device();
    const input = kvInput({ data: { version: 3, created_time: '2024-03-04T05:06:07Z' }, warnings: ['w'] });
    await dev.logRequest(input);
    await dev.logResponse(input);

    const text = readFileSync(filePath, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const [req, resp] = readLines(filePath);
    expect(readLines(filePath)).toHaveLength(2);

    expect(req).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/),
      auth: {
        accessor: h(ACCESSOR),
        client_token: h(TOKEN),
        display_name: 'token',
        policies: ['root'],
        token_policies: ['root'],
        token_issue_time: '2024-03-04T05:06:07Z',
        token_type: 'service',
      },
      request: {
        client_token: h(TOKEN),
        client_token_accessor: h(ACCESSOR),
        data: { password: h('hunter2'), port: 5432, tags: [h('prod'), h('eu')], user: h('alice') },
        id: '3c4b9f7e-0000-4000-8000-000000000001',
        mount_accessor: 'kv_1a2b3c4d',
        mount_point: 'secret/',
        mount_type: 'kv',
        namespace: { id: 'root' },
        operation: 'update',
        path: 'secret/app/db',
        remote_address: '127.0.0.1',
      },
      type: 'request',
    });

    expect(resp?.type).toBe('response');
    expect(resp?.request).toEqual(req?.request);
    expect(resp?.response).toEqual({
      data: { created_time: h('2024-03-04T05:06:07Z'), version: 3 },
      mount_accessor: 'kv_1a2b3c4d',
      mount_point: 'secret/',
      mount_type: 'kv',
      warnings: ['w'],
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(TOKEN);
  });

  test("fields come in Vault's order and maps sorted", async () => {
    const { dev, filePath } = device();
    await dev.logResponse({ ...kvInput({ data: { b: 1, a: 2 } }), error: 'permission denied' });
    const line = readFileSync(filePath, 'utf8');
    const entry = JSON.parse(line) as Record<string, Record<string, unknown>>;
    expect(Object.keys(entry)).toEqual(['time', 'auth', 'error', 'request', 'response', 'type']);
    expect(Object.keys(entry.response?.data ?? {})).toEqual(['a', 'b']);
    expect(entry.error).toBe('permission denied');
  });

  test('an unauthenticated request still has auth {"token_type":"default"}', async () => {
    const { dev, filePath } = device();
    await dev.logRequest({
      request: kvWrite({ token: undefined, path: 'sys/health', operation: 'read', data: {} }),
    });
    const [entry] = readLines(filePath);
    expect(entry?.auth).toEqual({ token_type: 'default' });
    expect(entry?.request).toEqual({
      id: '3c4b9f7e-0000-4000-8000-000000000001',
      namespace: { id: 'root' },
      operation: 'read',
      path: 'sys/health',
      remote_address: '127.0.0.1',
    });
  });

  test('log_raw=true leaves tokens, accessors and data clear', async () => {
    const { dev, filePath } = device({ log_raw: 'true' });
    const input = kvInput({ data: { password: 'hunter2' } });
    await dev.logRequest(input);
    await dev.logResponse(input);
    const [req, resp] = readLines(filePath);
    expect(req?.auth).toMatchObject({ client_token: TOKEN, accessor: ACCESSOR });
    expect(req?.request).toMatchObject({
      client_token: TOKEN,
      client_token_accessor: ACCESSOR,
      data: { password: 'hunter2', user: 'alice' },
    });
    expect(resp?.response).toMatchObject({ data: { password: 'hunter2' } });
  });

  test('hmac_accessor=false leaves accessors clear and still hashes tokens', async () => {
    const { dev, filePath } = device({ hmac_accessor: 'false' });
    const input = kvInput({
      auth: {
        clientToken: 'hvs.new',
        accessor: 'newAccessor',
        policies: ['default'],
        tokenPolicies: ['default'],
        metadata: { user: 'bob' },
        leaseDuration: 2764800,
        renewable: true,
        entityId: 'e-1',
        tokenType: 'service',
        orphan: true,
        numUses: 0,
      },
      wrapInfo: undefined,
    });
    await dev.logResponse(input);
    const [resp] = readLines(filePath);
    expect(resp?.auth).toMatchObject({ accessor: ACCESSOR, client_token: h(TOKEN) });
    expect(resp?.request).toMatchObject({ client_token_accessor: ACCESSOR, client_token: h(TOKEN) });
    const response = resp?.response as Record<string, unknown> | undefined;
    expect(response?.auth).toEqual({
      accessor: 'newAccessor',
      client_token: h('hvs.new'),
      entity_id: 'e-1',
      metadata: { user: 'bob' },
      policies: ['default'],
      token_policies: ['default'],
      token_ttl: 2764800,
      token_type: 'service',
    });
  });

  test('wrap_info token and accessors are hashed; with log_raw a JWT token is logged as its jti', async () => {
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setJti('hvs.wrapping-jti')
      .sign(new Uint8Array(32));
    const wrapped = {
      wrapInfo: {
        token: jwt,
        accessor: 'wrapAcc',
        ttl: 1800,
        creationTime: '2024-03-04T05:06:07.123456789Z',
        creationPath: 'sys/replication/dr/primary/secondary-token',
        wrappedAccessor: 'innerAcc',
      },
    };
    const hashed = device();
    await hashed.dev.logResponse(kvInput(wrapped));
    expect(readLines(hashed.filePath)[0]?.response).toMatchObject({
      wrap_info: {
        accessor: h('wrapAcc'),
        creation_path: 'sys/replication/dr/primary/secondary-token',
        creation_time: '2024-03-04T05:06:07.123456789Z',
        token: h(jwt),
        ttl: 1800,
        wrapped_accessor: h('innerAcc'),
      },
    });
    const raw = device({ log_raw: 'true' });
    await raw.dev.logResponse(kvInput(wrapped));
    expect(readLines(raw.filePath)[0]?.response).toMatchObject({
      wrap_info: { token: 'hvs.wrapping-jti', accessor: 'wrapAcc' },
    });
  });

  test('request wrap_ttl, lease id, audited headers and raw bodies', async () => {
    const { dev, filePath } = device();
    await dev.logResponse({
      ...kvInput(
        { lease: { leaseId: 'database/creds/ro/abc', ttl: 60, renewable: true } },
        kvWrite({ wrapTTL: 120, headers: { 'x-request-tag': 'blue', 'x-secret-hdr': 'shh' } }),
      ),
      auditedHeaders: {
        'X-Request-Tag': { hmac: false },
        'x-secret-hdr': { hmac: true },
        absent: { hmac: false },
      },
    });
    const [entry] = readLines(filePath);
    expect(entry?.request).toMatchObject({
      wrap_ttl: 120,
      headers: { 'x-request-tag': ['blue'], 'x-secret-hdr': [h('shh')] },
    });
    expect(entry?.response).toMatchObject({ secret: { lease_id: 'database/creds/ro/abc' } });

    await dev.logResponse(kvInput({ raw: { status: 200, contentType: 'text/plain', body: 'ok' } }));
    expect(readLines(filePath)[1]?.response).toMatchObject({
      data: { http_content_type: h('text/plain'), http_raw_body: h('ok'), http_status_code: 200 },
    });
  });

  test('non-HMAC request and response keys stay clear', async () => {
    const { dev, filePath } = device();
    await dev.logResponse({
      ...kvInput({ data: { version: 'v2', value: 'secret' } }),
      nonHmacRequestKeys: ['user'],
      nonHmacResponseKeys: ['version'],
    });
    const [entry] = readLines(filePath);
    expect(entry?.request).toMatchObject({ data: { user: 'alice', password: h('hunter2') } });
    expect(entry?.response).toMatchObject({ data: { version: 'v2', value: h('secret') } });
  });

  test('elide_list_responses logs how many keys a list returned', async () => {
    const { dev, filePath } = device({ elide_list_responses: 'true' });
    const list = kvWrite({ operation: 'list', path: 'secret/', data: {} });
    await dev.logResponse(kvInput({ data: { keys: ['a', 'b', 'c'], key_info: { a: {}, b: {} } } }, list));
    expect(readLines(filePath)[0]?.response).toMatchObject({ data: { keys: 3, key_info: 2 } });
  });

  test('prefix goes before the JSON, and HTML characters are escaped as Go does', async () => {
    const { dev, filePath } = device({ prefix: '@cee: ', log_raw: 'true' });
    await dev.logRequest(kvInput(null, kvWrite({ data: { html: '<a & b>' } })));
    const line = readFileSync(filePath, 'utf8');
    expect(line.startsWith('@cee: {"time":"')).toBe(true);
    expect(line).toContain('"html":"\\u003ca \\u0026 b\\u003e"');
    expect(JSON.parse(line.slice('@cee: '.length)).request.data.html).toBe('<a & b>');
  });

  test('the file is created with mode 0600 by default, or the configured mode', async () => {
    expect(statSync(device().filePath).mode & 0o777).toBe(0o600);
    const dir = tempDir();
    const existing = join(dir, 'existing.log');
    writeFileSync(existing, '', { mode: 0o644 });
    createFileAuditDevice({ path: 'f/', options: { file_path: existing, mode: '0640' }, salt: SALT });
    expect(statSync(existing).mode & 0o777).toBe(0o640);
    createFileAuditDevice({ path: 'g/', options: { file_path: existing, mode: '0000' }, salt: SALT });
    expect(statSync(existing).mode & 0o777).toBe(0o640);
  });

  test('appends to an existing file and reopen() follows a rotation', async () => {
    const { dev, filePath } = device();
    await dev.logRequest(kvInput());
    renameSync(filePath, `${filePath}.1`);
    await dev.logRequest(kvInput()); // still the old file until reopened
    await dev.reopen();
    await dev.logRequest(kvInput());
    expect(readLines(`${filePath}.1`)).toHaveLength(2);
    expect(readLines(filePath)).toHaveLength(1);
  });

  test('stdout and discard write nowhere on disk', async () => {
    const lines: string[] = [];
    const out = createFileAuditDevice({
      path: 'stdout/',
      options: { file_path: 'stdout' },
      salt: SALT,
      stdout: (line) => lines.push(line),
    });
    await out.logRequest(kvInput());
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      type: 'request',
      request: { client_token: h(TOKEN) },
    });

    const discard = createFileAuditDevice({ path: 'd/', options: { file_path: 'discard' }, salt: SALT });
    await expect(discard.logRequest(kvInput())).resolves.toBeUndefined();
  });

  test('hash() is the device HMAC (sys/audit-hash)', () => {
    expect(device().dev.hash('my-secret-vault')).toBe(h('my-secret-vault'));
  });

  test('an unwritable path fails creation with 400, naming the path and the reason', () => {
    const dir = tempDir();
    const notADir = join(dir, 'plain-file');
    writeFileSync(notADir, 'x');
    const filePath = join(notADir, 'audit.log');
    let thrown: unknown;
    try {
      createFileAuditDevice({ path: 'file/', options: { file_path: filePath }, salt: SALT });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HvrError);
    expect(thrown).toMatchObject({ code: 'HVR_BAD_REQUEST', status: 400 });
    const message = (thrown as Error).message;
    expect(message).toContain(`sanity check failed; unable to open "${filePath}" for writing: `);
    expect(message).toMatch(/ENOTDIR|EEXIST/);
  });

  test('a directory as file_path fails creation', () => {
    const dir = tempDir();
    expect(() => createFileAuditDevice({ path: 'file/', options: { file_path: dir }, salt: SALT })).toThrow(
      /unable to open .* for writing: EISDIR/,
    );
  });
});
