import { describe, expect, test } from 'vitest';
import type { Client, WireRequest, WireResponse } from '../../src/client/client.js';
import { InvalidResponseError, ResponseError } from '../../src/client/errors.js';
import { logical } from '../../src/client/logical.js';

/** A Client that records requests and answers from a script. */
function fakeClient(answer: (req: WireRequest) => Partial<WireResponse>, token?: string) {
  const sent: WireRequest[] = [];
  const client: Client = {
    address: 'http://127.0.0.1:8200',
    token,
    async send(req) {
      sent.push(req);
      const a = answer(req);
      return { status: a.status ?? 200, headers: a.headers ?? {}, text: a.text ?? '' };
    },
    async close() {},
  };
  return { client, sent };
}

const envelope = (data: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    request_id: 'r1',
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: null,
    ...extra,
  });

describe('Logical', () => {
  test('read sends GET with query data and parses the envelope', async () => {
    const { client, sent } = fakeClient(() => ({ text: envelope({ a: 1 }, { mount_type: 'kv' }) }));
    const secret = await logical(client).read('secret/data/x', { version: '2' });
    expect(sent[0]).toMatchObject({ method: 'GET', path: 'secret/data/x', query: { version: '2' } });
    expect(sent[0]?.body).toBeUndefined();
    expect(secret).toEqual({
      request_id: 'r1',
      lease_id: '',
      lease_duration: 0,
      renewable: false,
      data: { a: 1 },
      warnings: null,
      auth: null,
      wrap_info: null,
      mount_type: 'kv',
    });
  });

  test('read and list: 404 without data is null; 404 with warnings is the secret', async () => {
    const empty = fakeClient(() => ({ status: 404, text: '{"errors":[]}\n' }));
    expect(await logical(empty.client).read('secret/nope')).toBeNull();
    expect(await logical(empty.client).list('secret/nope/')).toBeNull();
    expect(empty.sent[1]).toMatchObject({ method: 'GET', path: 'secret/nope/', query: { list: 'true' } });
    const warned = fakeClient(() => ({ status: 404, text: envelope(null, { warnings: ['gone'] }) }));
    expect((await logical(warned.client).read('secret/x'))?.warnings).toEqual(['gone']);
  });

  test('204 and empty bodies are null', async () => {
    const { client } = fakeClient(() => ({ status: 204 }));
    expect(await logical(client).write('secret/x', { a: 'b' })).toBeNull();
    expect(await logical(client).delete('secret/x')).toBeNull();
  });

  test('write sends PUT with the JSON body; null for -force', async () => {
    const { client, sent } = fakeClient(() => ({ status: 204 }));
    await logical(client).write('sys/replication/dr/primary/enable', null);
    expect(sent[0]).toMatchObject({ method: 'PUT', body: null });
    await logical(client).write('secret/x', { k: 'v' });
    expect(sent[1]).toMatchObject({ method: 'PUT', body: { k: 'v' } });
  });

  test('patch sends PATCH with merge-patch content type', async () => {
    const { client, sent } = fakeClient(() => ({ text: envelope({ version: 2 }) }));
    await logical(client).patch('secret/data/x', { data: { a: null } });
    expect(sent[0]?.method).toBe('PATCH');
    expect(sent[0]?.headers).toMatchObject({ 'Content-Type': 'application/merge-patch+json' });
  });

  test('write and delete: a 404 is an error, carrying the secret when it had data', async () => {
    const plain = fakeClient(() => ({ status: 404, text: '{"errors":[]}' }));
    const error = await logical(plain.client)
      .write('secret/x', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).secret).toBeUndefined();
    const withData = fakeClient(() => ({ status: 404, text: envelope({ hint: 'x' }) }));
    const err2 = (await logical(withData.client)
      .delete('secret/x')
      .catch((e: unknown) => e)) as ResponseError;
    expect(err2.secret?.data).toEqual({ hint: 'x' });
  });

  test("ResponseError has Vault's text, URL with query, and raw bodies", async () => {
    const multi = fakeClient(() => ({
      status: 403,
      text: '{"errors":["permission denied","invalid token"]}',
    }));
    const error = (await logical(multi.client)
      .list('secret/metadata/')
      .catch((e: unknown) => e)) as ResponseError;
    expect(error.method).toBe('GET');
    expect(error.url).toBe('http://127.0.0.1:8200/v1/secret/metadata?list=true');
    expect(error.message).toBe(
      'Error making API request.\n\nURL: GET http://127.0.0.1:8200/v1/secret/metadata?list=true\nCode: 403. Errors:\n\n* permission denied* invalid token',
    );
    const raw = fakeClient(() => ({ status: 502, text: 'Bad Gateway' }));
    const rawError = (await logical(raw.client)
      .read('x')
      .catch((e: unknown) => e)) as ResponseError;
    expect(rawError.rawError).toBe(true);
    expect(rawError.rawBody).toBe('Bad Gateway');
    expect(rawError.message).toBe(
      'Error making API request.\n\nURL: GET http://127.0.0.1:8200/v1/x\nCode: 502. Raw Message:\n\nBad Gateway',
    );
    const ns = fakeClient(() => ({
      status: 400,
      text: '{"errors":["bad"]}',
      headers: { 'x-vault-namespace': 'team/' },
    }));
    const nsError = (await logical(ns.client)
      .read('x')
      .catch((e: unknown) => e)) as ResponseError;
    expect(nsError.message).toContain('Error making API request.\n\nNamespace: team/\nURL: GET');
  });

  test('a raw JSON answer becomes data; only errors is null; errors with data throws', async () => {
    const raw = fakeClient(() => ({ text: '{"initialized":true,"sealed":false}' }));
    expect((await logical(raw.client).read('sys/health'))?.data).toEqual({
      initialized: true,
      sealed: false,
    });
    const onlyErrors = fakeClient(() => ({ text: '{"errors":["x"]}' }));
    expect(await logical(onlyErrors.client).read('x')).toBeNull();
    const mixed = fakeClient(() => ({ text: '{"errors":["a","b"],"other":1}' }));
    await expect(logical(mixed.client).read('x')).rejects.toThrow(new InvalidResponseError('a b'));
  });

  test("auth and wrap_info come out in Go's field order with zero values filled", async () => {
    const { client } = fakeClient(() => ({
      text: envelope(null, {
        auth: {
          client_token: 'hvs.x',
          accessor: 'acc',
          policies: ['default'],
          lease_duration: 3600,
          renewable: true,
        },
        wrap_info: { token: 'w', accessor: 'wa', ttl: 300, creation_time: 't', creation_path: 'p' },
      }),
    }));
    const secret = await logical(client).write('auth/userpass/login/u', { password: 'p' });
    expect(Object.keys(secret?.auth ?? {})).toEqual([
      'client_token',
      'accessor',
      'policies',
      'token_policies',
      'identity_policies',
      'metadata',
      'orphan',
      'entity_id',
      'lease_duration',
      'renewable',
      'mfa_requirement',
    ]);
    expect(secret?.wrap_info).toEqual({
      token: 'w',
      accessor: 'wa',
      ttl: 300,
      creation_time: 't',
      creation_path: 'p',
    });
  });

  test('writes to sys/wrapping/wrap ask for a 5m wrap unless one is given', async () => {
    const { client, sent } = fakeClient(() => ({ text: envelope(null) }));
    await logical(client).write('sys/wrapping/wrap', { a: 'b' });
    expect(sent[0]?.headers).toMatchObject({ 'X-Vault-Wrap-TTL': '5m' });
    await logical(client).write('sys/wrapping/wrap', { a: 'b' }, { headers: { 'X-Vault-Wrap-TTL': '1h' } });
    expect(sent[1]?.headers).toEqual({ 'X-Vault-Wrap-TTL': '1h' });
    await logical(client).write('secret/x', { a: 'b' });
    expect(sent[2]?.headers).toEqual({});
  });

  test('unwrap: token as request token without a client token, in the body otherwise', async () => {
    const noToken = fakeClient(() => ({ text: envelope({ a: 1 }) }));
    const secret = await logical(noToken.client).unwrap(' hvs.wrap ');
    expect(secret?.data).toEqual({ a: 1 });
    expect(noToken.sent[0]).toMatchObject({
      method: 'PUT',
      path: 'sys/wrapping/unwrap',
      body: null,
      token: 'hvs.wrap',
    });
    const withToken = fakeClient(() => ({ text: envelope({ a: 1 }) }), 'hvs.mine');
    await logical(withToken.client).unwrap('hvs.wrap');
    expect(withToken.sent[0]).toMatchObject({ body: { token: 'hvs.wrap' } });
    expect(withToken.sent[0]?.token).toBeUndefined();
    await logical(withToken.client).unwrap();
    expect(withToken.sent[1]).toMatchObject({ body: null });
    const invalid = fakeClient(() => ({
      status: 400,
      text: '{"errors":["wrapping token is not valid or does not exist"]}',
    }));
    await expect(logical(invalid.client).unwrap('x')).rejects.toThrow(
      'URL: PUT http://127.0.0.1:8200/v1/sys/wrapping/unwrap\nCode: 400. Errors:\n\n* wrapping token is not valid or does not exist',
    );
  });
});
