import { describe, expect, test } from 'vitest';
import { HvrError } from '../../src/logical/errors.js';
import type { Request as CoreRequest, Response as CoreResponse } from '../../src/logical/request.js';
import { createApiHandler } from '../../src/server/api-handler.js';

type Answer = (req: CoreRequest) => CoreResponse | null | Promise<CoreResponse | null>;

/** The API with an in-test core: records every core request, answers with `answer`. */
function api(answer: Answer = () => null, maxRequestBytes?: number) {
  const seen: CoreRequest[] = [];
  const handler = createApiHandler({
    ...(maxRequestBytes === undefined ? {} : { maxRequestBytes }),
    handle: async (req) => {
      seen.push(req);
      return answer(req);
    },
  });
  const call = (target: string, init?: RequestInit) =>
    handler(new Request(`http://vault.test${target}`, init), { target, remoteAddress: '10.1.2.3' });
  const last = (): CoreRequest => {
    const req = seen.at(-1);
    if (req === undefined) throw new Error('the core was not called');
    return req;
  };
  return { call, seen, last };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

const EMPTY_ERRORS = '{"errors":[]}\n';

describe('method → operation', () => {
  test('GET is read; the query becomes data (one value → string, repeated → array, help skipped)', async () => {
    const { call, last } = api(() => ({ data: { a: 1 } }));
    const res = await call('/v1/secret/foo?version=2&tag=a&tag=b&flag');
    expect(res.status).toBe(200);
    expect(last()).toMatchObject({
      operation: 'read',
      path: 'secret/foo',
      data: { version: '2', tag: ['a', 'b'], flag: '' },
    });
  });

  test.each(['true', '1', 't', 'T', 'TRUE', 'True'])(
    'GET ?list=%s is list, trailing slash, list dropped',
    async (v) => {
      const { call, last } = api(() => ({ data: { keys: ['a'] } }));
      expect((await call(`/v1/secret/dir?list=${v}&after=x`)).status).toBe(200);
      expect(last()).toMatchObject({ operation: 'list', path: 'secret/dir/', data: { after: 'x' } });
    },
  );

  test('GET ?list=false stays a read and keeps list in the data', async () => {
    const { call, last } = api(() => ({ data: {} }));
    await call('/v1/secret/dir?list=false');
    expect(last()).toMatchObject({ operation: 'read', path: 'secret/dir', data: { list: 'false' } });
  });

  test('GET ?list=yes is 400 {"errors":[]} and never reaches the core', async () => {
    const { call, seen } = api();
    const res = await call('/v1/secret/dir?list=yes');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(EMPTY_ERRORS);
    expect(seen).toHaveLength(0);
  });

  test('LIST is list with a trailing slash and query data', async () => {
    const { call, last } = api(() => ({ data: { keys: ['a', 'b/'] } }));
    expect((await call('/v1/secret/dir/?x=1', { method: 'LIST' })).status).toBe(200);
    expect(last()).toMatchObject({ operation: 'list', path: 'secret/dir/', data: { x: '1' } });
  });

  test.each(['POST', 'PUT'])('%s is update with the JSON body as data', async (method) => {
    const { call, last } = api();
    const res = await call('/v1/secret/foo', { ...json({ a: 'b', n: 3 }), method });
    expect(res.status).toBe(204);
    expect(last()).toMatchObject({ operation: 'update', path: 'secret/foo', data: { a: 'b', n: 3 } });
  });

  test('PATCH with application/merge-patch+json is patch', async () => {
    const { call, last } = api(() => ({ data: { ok: true } }));
    const res = await call('/v1/secret/data/foo', {
      method: 'PATCH',
      body: '{"data":{"a":null}}',
      headers: { 'content-type': 'application/merge-patch+json; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    expect(last()).toMatchObject({
      operation: 'patch',
      path: 'secret/data/foo',
      data: { data: { a: null } },
    });
  });

  test('PATCH with another content type is 415 in Vault words', async () => {
    const { call, seen } = api();
    const res = await call('/v1/secret/data/foo', { ...json({ a: 1 }), method: 'PATCH' });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      errors: ['PATCH requires Content-Type of application/merge-patch+json, provided application/json'],
    });
    expect(seen).toHaveLength(0);
  });

  test('PATCH without a content type is 400 with Go mime error', async () => {
    const { call } = api();
    // A string body would get text/plain from fetch; bytes get no content type at all.
    const res = await call('/v1/secret/data/foo', { method: 'PATCH', body: new TextEncoder().encode('{}') });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: ['mime: no media type'] });
  });

  test('DELETE is delete with query data', async () => {
    const { call, last } = api();
    expect((await call('/v1/secret/foo?versions=1&versions=2', { method: 'DELETE' })).status).toBe(204);
    expect(last()).toMatchObject({ operation: 'delete', path: 'secret/foo', data: { versions: ['1', '2'] } });
  });

  test('HEAD is a read answered without a body', async () => {
    const { call, last } = api(() => ({ data: { a: 1 } }));
    const res = await call('/v1/sys/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.body).toBeNull();
    expect(last().operation).toBe('read');
    const missing = await api(() => null).call('/v1/secret/x', { method: 'HEAD' });
    expect(missing.status).toBe(404);
    expect(missing.body).toBeNull();
  });

  test.each(['OPTIONS', 'PROPFIND', 'MKCOL'])('%s is 405 {"errors":[]}', async (method) => {
    const { call, seen } = api();
    const res = await call('/v1/secret/foo', { method });
    expect(res.status).toBe(405);
    expect(await res.text()).toBe(EMPTY_ERRORS);
    expect(seen).toHaveLength(0);
  });

  test('?help=1 is the help operation and answers the bare data', async () => {
    const { call, last } = api(() => ({ data: { help: 'Read a secret.' } }));
    const res = await call('/v1/secret/foo?help=1');
    expect(last()).toMatchObject({ operation: 'help', path: 'secret/foo', data: {} });
    expect(await res.text()).toBe('{"help":"Read a secret."}\n');
  });
});

describe('request bodies', () => {
  test.each([
    ['an empty body', ''],
    ['a blank body', '  \n'],
    ['null', 'null'],
  ])('%s gives no data', async (_name, body) => {
    const { call, last } = api();
    await call('/v1/secret/foo', { method: 'POST', body });
    expect(last().data).toEqual({});
  });

  test.each([
    ['bad JSON', '{"a":'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['a string', '"x"'],
  ])('%s is 400 error parsing JSON', async (_name, body) => {
    const { call, seen } = api();
    const res = await call('/v1/secret/foo', { method: 'PUT', body });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('{"errors":["error parsing JSON"]}\n');
    expect(seen).toHaveLength(0);
  });

  test('a form body is data, repeated fields joined with commas', async () => {
    const { call, last } = api();
    await call('/v1/auth/userpass/users/bob', {
      method: 'POST',
      body: 'password=s%3Dcr+t&policies=a&policies=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(last().data).toEqual({ password: 's=cr t', policies: 'a,b' });
  });

  test('a form content type with a JSON-looking body is parsed as JSON', async () => {
    const { call, last } = api();
    await call('/v1/secret/foo', {
      method: 'POST',
      body: '  {"a":"b"}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(last().data).toEqual({ a: 'b' });
  });

  test('a bad form escape is 400 error parsing form data', async () => {
    const { call } = api();
    const res = await call('/v1/secret/foo', {
      method: 'POST',
      body: 'a=%zz',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: ['error parsing form data'] });
  });

  test('a declared Content-Length over the limit is 413 before reading', async () => {
    const { call, seen } = api(() => null, 16);
    const res = await call('/v1/secret/foo', json({ value: 'x'.repeat(64) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({ errors: ['error parsing JSON'] });
    expect(seen).toHaveLength(0);
  });

  test('a streamed body is cut off as soon as it passes the limit', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const { call, seen } = api(() => null, 10 * 1024);
    const res = await call('/v1/secret/foo', {
      method: 'POST',
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
    expect(seen).toHaveLength(0);
  });

  test('a body at the limit is accepted', async () => {
    const body = JSON.stringify({ v: 'x'.repeat(20) });
    const { call, last } = api(() => null, body.length);
    expect((await call('/v1/secret/foo', { method: 'POST', body })).status).toBe(204);
    expect(last().data).toEqual({ v: 'x'.repeat(20) });
  });
});

describe('Vault headers', () => {
  test('X-Vault-Token is the token and stays out of the headers', async () => {
    const { call, last } = api();
    await call('/v1/secret/foo', { headers: { 'x-vault-token': 'hvs.abc' } });
    expect(last().token).toBe('hvs.abc');
    expect(Object.keys(last().headers)).not.toContain('x-vault-token');
  });

  test('Authorization: Bearer is the token; X-Vault-Token wins over it', async () => {
    const { call, seen } = api();
    await call('/v1/secret/foo', { headers: { authorization: 'Bearer hvs.bearer ' } });
    await call('/v1/secret/foo', { headers: { authorization: 'Bearer hvs.b', 'x-vault-token': 'hvs.v' } });
    await call('/v1/secret/foo', { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(seen.map((r) => r.token)).toEqual(['hvs.bearer', 'hvs.v', undefined]);
  });

  test.each([
    ['300', 300],
    ['15s', 15],
    ['20m', 1200],
    ['25h', 90000],
    ['1h30m', 5400],
  ])('X-Vault-Wrap-TTL %s is %i seconds', async (header, seconds) => {
    const { call, last } = api();
    await call('/v1/secret/foo', { headers: { 'x-vault-wrap-ttl': header } });
    expect(last().wrapTTL).toBe(seconds);
    expect(last().wrapFormat).toBeUndefined();
  });

  test('X-Vault-Wrap-Format: jwt rides with a wrap TTL only', async () => {
    const { call, seen } = api();
    await call('/v1/secret/foo', { headers: { 'x-vault-wrap-ttl': '5m', 'x-vault-wrap-format': 'jwt' } });
    await call('/v1/secret/foo', { headers: { 'x-vault-wrap-format': 'jwt' } });
    await call('/v1/secret/foo', { headers: { 'x-vault-wrap-ttl': '5m', 'x-vault-wrap-format': 'uuid' } });
    expect(seen.map((r) => [r.wrapTTL, r.wrapFormat])).toEqual([
      [300, 'jwt'],
      [undefined, undefined],
      [300, undefined],
    ]);
  });

  test('a negative wrap TTL is 400', async () => {
    const res = await api().call('/v1/secret/foo', { headers: { 'x-vault-wrap-ttl': '-5m' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: ['error parsing X-Vault-Wrap-TTL header: requested wrap ttl cannot be negative'],
    });
  });

  test('an unparsable wrap TTL is 400 with the parse error', async () => {
    const res = await api().call('/v1/secret/foo', { headers: { 'x-vault-wrap-ttl': 'soon' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: ['error parsing X-Vault-Wrap-TTL header: time: invalid duration "soon"'],
    });
  });

  test('X-Vault-Policy-Override must be a Go bool', async () => {
    const { call, last } = api();
    await call('/v1/secret/foo', { headers: { 'x-vault-policy-override': 'T' } });
    expect(last().headers['x-vault-policy-override']).toBe('true');
    const res = await call('/v1/secret/foo', { headers: { 'x-vault-policy-override': 'maybe' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [
        'failed to parse X-Vault-Policy-Override header: strconv.ParseBool: parsing "maybe": invalid syntax',
      ],
    });
  });

  test('the core gets the namespace and request headers, a request id and the remote address', async () => {
    const { call, last } = api(() => ({ data: { a: 1 } }));
    const res = await call('/v1/secret/foo', {
      headers: { 'x-vault-namespace': 'team/', 'x-vault-request': 'true', cookie: 'no' },
    });
    expect(last().headers).toEqual({ 'x-vault-namespace': 'team/', 'x-vault-request': 'true' });
    expect(last().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(last().remoteAddress).toBe('10.1.2.3');
    expect(res.headers.get('x-vault-namespace')).toBe('team/');
  });
});

describe('paths', () => {
  test.each(['/', '/v2/secret/foo', '/v1', '/ui/', '/v1secret'])(
    '%s is 404 {"errors":[]}',
    async (target) => {
      const { call, seen } = api();
      const res = await call(target);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(EMPTY_ERRORS);
      expect(seen).toHaveLength(0);
    },
  );

  test.each([
    '/v1/secret/../sys/policy/root',
    '/v1/secret/foo/..',
    '/v1/../v1/sys/seal',
    '/v1/secret/%2e%2E/sys/seal',
  ])('%s is 400 path cannot contain parent references', async (target) => {
    const { call, seen } = api();
    const res = await call(target);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: ['path cannot contain parent references'] });
    expect(seen).toHaveLength(0);
  });

  test('an encoded slash is refused', async () => {
    const res = await api().call('/v1/secret/a%2Fb');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: ['path cannot contain encoded slashes'] });
  });

  test('a non-printable character is 400 with no message', async () => {
    const res = await api().call('/v1/secret/a%00b');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(EMPTY_ERRORS);
  });

  test.each([
    ['/v1/secret//foo///bar', 'secret/foo/bar'],
    ['/v1//secret/foo', 'secret/foo'],
    ['/v1/secret/./foo/', 'secret/foo/'],
    ['/v1/secret/a%20b/c+d', 'secret/a b/c+d'],
    ['/v1/secret/...', 'secret/...'],
    ['/v1/', ''],
  ])('%s is the logical path %j', async (target, path) => {
    const { call, last } = api(() => ({ data: { a: 1 } }));
    await call(target);
    expect(last().path).toBe(path);
  });

  test('without the raw target, the URL of the web request is used', async () => {
    const seen: CoreRequest[] = [];
    const handler = createApiHandler({
      handle: async (req) => {
        seen.push(req);
        return null;
      },
    });
    await handler(new Request('http://vault.test/v1/secret//x?list=true&a=1'));
    expect(seen[0]).toMatchObject({ operation: 'list', path: 'secret/x/', data: { a: '1' } });
  });
});

describe('responses', () => {
  test('a read with no answer is 404 {"errors":[]} as JSON, not cached', async () => {
    const res = await api(() => null).call('/v1/secret/missing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(EMPTY_ERRORS);
  });

  test.each<[string, CoreResponse | null, number]>([
    ['no answer', null, 404],
    ['no data', {}, 404],
    ['empty keys', { data: { keys: [] } }, 404],
    ['empty keys with warnings', { data: { keys: [] }, warnings: ['w'] }, 404],
    ['null keys, no other data', { data: { keys: null } }, 200],
    ['warnings only', { warnings: ['nothing here'] }, 200],
    ['keys that are not strings', { data: { keys: [1, 2] } }, 500],
    ['keys', { data: { keys: ['a'] } }, 200],
  ])('a list with %s is %i', async (_name, answer, status) => {
    const res = await api(() => answer).call('/v1/secret/?list=true');
    expect(res.status).toBe(status);
    if (status !== 200) expect(await res.text()).toBe(EMPTY_ERRORS);
  });

  test('a wrapped empty list is still wrapped', async () => {
    const wrapInfo = {
      token: 'hvs.w',
      accessor: 'acc',
      ttl: 60,
      creationTime: '2024-01-01T00:00:00.123456789Z',
      creationPath: 'secret/',
    };
    const res = await api(() => ({ wrapInfo })).call('/v1/secret/?list=true');
    expect(res.status).toBe(200);
  });

  test.each<[string, CoreResponse | null]>([
    ['null', null],
    ['an empty response', {}],
    ['no data and empty warnings', { warnings: [], mountType: 'kv' }],
  ])('a write answered with %s is 204 with a JSON content type and no body', async (_name, answer) => {
    const res = await api(() => answer).call('/v1/secret/foo', json({ a: 1 }));
    expect(res.status).toBe(204);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('');
  });

  test('data that is present but empty is still an answer: 200 with `"data":{}` (sys/audit)', async () => {
    const res = await api(() => ({ data: {}, mountType: 'system' })).call('/v1/sys/audit');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({});
  });

  test('the envelope has Vault field order and a trailing newline', async () => {
    const { call, last } = api(() => ({
      data: { zeta: 1, alpha: { b: 2, a: 1 } },
      warnings: ['careful'],
      lease: { leaseId: 'secret/creds/abc', ttl: 3600, renewable: true },
      mountType: 'kv',
    }));
    const res = await call('/v1/secret/foo');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      `{"request_id":"${last().id}","lease_id":"secret/creds/abc","renewable":true,"lease_duration":3600,` +
        '"data":{"alpha":{"a":1,"b":2},"zeta":1},"wrap_info":null,"warnings":["careful"],"auth":null,' +
        '"mount_type":"kv"}\n',
    );
  });

  test('an unknown mount type is "" and missing parts are null', async () => {
    const { call, last } = api(() => ({ data: { a: 1 } }));
    const text = await (await call('/v1/secret/foo')).text();
    expect(text).toBe(
      `{"request_id":"${last().id}","lease_id":"","renewable":false,"lease_duration":0,"data":{"a":1},` +
        '"wrap_info":null,"warnings":null,"auth":null,"mount_type":""}\n',
    );
  });

  test('the core may keep the original request id', async () => {
    const res = await api(() => ({ data: { a: 1 }, requestId: 'orig-id' })).call('/v1/secret/foo');
    expect(await res.json()).toMatchObject({ request_id: 'orig-id' });
  });

  test('auth is rendered in snake case, in order, with omitempty policies lists', async () => {
    const { call, last } = api(() => ({
      auth: {
        clientToken: 'hvs.tok',
        accessor: 'acc',
        policies: ['default', 'dev'],
        tokenPolicies: ['default', 'dev'],
        identityPolicies: [],
        metadata: { username: 'bob', a: 'x' },
        leaseDuration: 2764800,
        renewable: true,
        entityId: 'ent',
        tokenType: 'service',
        orphan: true,
        numUses: 0,
      },
      mountType: 'userpass',
    }));
    const text = await (await call('/v1/auth/userpass/login/bob', json({ password: 'p' }))).text();
    expect(text).toBe(
      `{"request_id":"${last().id}","lease_id":"","renewable":false,"lease_duration":0,"data":null,` +
        '"wrap_info":null,"warnings":null,"auth":{"client_token":"hvs.tok","accessor":"acc",' +
        '"policies":["default","dev"],"token_policies":["default","dev"],' +
        '"metadata":{"a":"x","username":"bob"},"lease_duration":2764800,"renewable":true,' +
        '"entity_id":"ent","token_type":"service","orphan":true,"mfa_requirement":null,"num_uses":0},' +
        '"mount_type":"userpass"}\n',
    );
  });

  test('a wrapped response carries only wrap_info', async () => {
    const res = await api(() => ({
      data: { hidden: true },
      mountType: 'kv',
      wrapInfo: {
        token: 'hvs.wrap',
        accessor: 'wacc',
        ttl: 300,
        creationTime: '2024-05-06T07:08:09.123456789Z',
        creationPath: 'secret/foo',
        wrappedAccessor: 'inner',
      },
    })).call('/v1/secret/foo', { headers: { 'x-vault-wrap-ttl': '5m' } });
    expect(await res.text()).toBe(
      '{"request_id":"","lease_id":"","renewable":false,"lease_duration":0,"data":null,' +
        '"wrap_info":{"token":"hvs.wrap","accessor":"wacc","ttl":300,' +
        '"creation_time":"2024-05-06T07:08:09.123456789Z","creation_path":"secret/foo",' +
        '"wrapped_accessor":"inner"},"warnings":null,"auth":null,"mount_type":""}\n',
    );
  });

  test('wrapped_accessor is omitted when empty', async () => {
    const res = await api(() => ({
      wrapInfo: { token: 't', accessor: 'a', ttl: 1, creationTime: 'c', creationPath: 'p' },
    })).call('/v1/sys/wrapping/wrap', json({ a: 1 }));
    const body = (await res.json()) as { wrap_info: Record<string, unknown> };
    expect(Object.keys(body.wrap_info)).toEqual([
      'token',
      'accessor',
      'ttl',
      'creation_time',
      'creation_path',
    ]);
  });

  test('a raw response is written verbatim; HEAD gets its status only', async () => {
    const raw = { status: 429, contentType: 'application/json', body: '{"standby":true}' };
    const { call } = api(() => ({ raw }));
    const res = await call('/v1/sys/health');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe('{"standby":true}');
    const head = await call('/v1/sys/health', { method: 'HEAD' });
    expect(head.status).toBe(429);
    expect(head.body).toBeNull();
    const noContent = await api(() => ({ raw: { status: 204, contentType: '', body: '' } })).call('/v1/x');
    expect(noContent.status).toBe(204);
  });

  test('HTML-sensitive characters are escaped as Go does', async () => {
    const res = await api(() => ({ data: { html: '<a href="x">&</a>\u2028' } })).call('/v1/secret/foo');
    const text = await res.text();
    expect(text).toContain('"html":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028"');
    expect((JSON.parse(text) as { data: { html: string } }).data.html).toBe('<a href="x">&</a>\u2028');
  });
});

describe('top-level data injection', () => {
  const mounts = { 'secret/': { type: 'kv' }, 'sys/': { type: 'system' } };

  test.each([
    '/v1/sys/mounts',
    '/v1/sys/mounts/secret/tune',
    '/v1/sys/auth',
    '/v1/sys/policy/default',
    '/v1/sys/capabilities-self',
    '/v1/sys/wrapping/wrap',
  ])('%s repeats data keys at the top level, before the envelope', async (target) => {
    const { call, last } = api(() => ({ data: mounts }));
    const text = await (await call(target)).text();
    expect(text).toBe(
      '{"secret/":{"type":"kv"},"sys/":{"type":"system"},' +
        `"request_id":"${last().id}","lease_id":"","renewable":false,"lease_duration":0,` +
        '"data":{"secret/":{"type":"kv"},"sys/":{"type":"system"}},"wrap_info":null,"warnings":null,' +
        '"auth":null,"mount_type":""}\n',
    );
  });

  test.each(['/v1/sys/mountsx', '/v1/sys/policies/acl/x', '/v1/secret/mounts', '/v1/sys/capabilities/x'])(
    '%s does not',
    async (target) => {
      const text = await (await api(() => ({ data: mounts })).call(target)).text();
      expect(text.startsWith('{"request_id"')).toBe(true);
    },
  );
});

describe('errors', () => {
  test('an HvrError is its status and message, with data beside', async () => {
    const res = await api(() => {
      throw new HvrError('HVR_CAS_MISMATCH', 400, 'check-and-set parameter did not match', {
        data: { version: 3 },
      });
    }).call('/v1/secret/data/foo', json({ data: {} }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(
      '{"errors":["check-and-set parameter did not match"],"data":{"version":3}}\n',
    );
  });

  test('an HvrError with an empty message has no errors', async () => {
    const res = await api(() => {
      throw new HvrError('HVR_NOT_FOUND', 404, '');
    }).call('/v1/secret/foo');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(EMPTY_ERRORS);
  });

  test('anything else is a bare 500 that leaks nothing', async () => {
    const res = await api(() => {
      throw new TypeError('secret detail at /home/x/core.ts:12');
    }).call('/v1/secret/foo');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toBe('{"errors":["internal error"]}\n');
  });
});
