import { describe, expect, test } from 'vitest';
import type { OutputFormat } from '../../../src/cli/output/format.js';
import { createOutput, resolveOutputFormat } from '../../../src/cli/output/output.js';
import { ResponseError, type ResponseErrorInit } from '../../../src/client/errors.js';
import { fakeStreams, plainEnv } from './fake-streams.js';

const apiError = (
  init: Partial<ResponseErrorInit> & Pick<ResponseErrorInit, 'method' | 'url' | 'statusCode'>,
) => new ResponseError({ errors: [], rawError: false, rawBody: '', ...init });
const renderResponseError = (init: Parameters<typeof apiError>[0]) => apiError(init).message;

const make = (format: OutputFormat = 'table', tty = false) => {
  const streams = fakeStreams({ tty });
  return { streams, out: createOutput({ streams, format, env: plainEnv }) };
};

describe('API errors (api.ResponseError)', () => {
  test('the reference transcript', () => {
    const { streams, out } = make();
    const code = out.requestFailed(
      'Error reading secret/foo',
      apiError({
        method: 'GET',
        url: 'http://127.0.0.1:8200/v1/secret/foo',
        statusCode: 403,
        errors: ['permission denied'],
      }),
    );
    expect(code).toBe(2);
    expect(streams.err()).toBe(
      'Error reading secret/foo: Error making API request.\n\nURL: GET http://127.0.0.1:8200/v1/secret/foo\nCode: 403. Errors:\n\n* permission denied\n',
    );
  });

  test('several errors are joined with no separator (Vault quirk)', () => {
    expect(
      renderResponseError({
        method: 'PUT',
        url: 'http://127.0.0.1:8200/v1/secret/foo',
        statusCode: 400,
        errors: ['a', 'b'],
      }),
    ).toBe(
      'Error making API request.\n\nURL: PUT http://127.0.0.1:8200/v1/secret/foo\nCode: 400. Errors:\n\n* a* b',
    );
  });

  test('a body that is not JSON is shown raw; a namespace other than root/ is named', () => {
    expect(
      renderResponseError({
        method: 'GET',
        url: 'https://vault:8200/v1/sys/health',
        statusCode: 502,
        errors: ['<html>bad gateway</html>'],
        rawError: true,
        rawBody: '<html>bad gateway</html>',
        namespace: 'team/',
      }),
    ).toBe(
      'Error making API request.\n\nNamespace: team/\nURL: GET https://vault:8200/v1/sys/health\nCode: 502. Raw Message:\n\n<html>bad gateway</html>',
    );
    expect(renderResponseError({ method: 'GET', url: 'u', statusCode: 404, namespace: 'root/' })).toBe(
      'Error making API request.\n\nURL: GET u\nCode: 404. Errors:\n\n',
    );
  });

  test('transport errors pass through as text', () => {
    const { streams, out } = make();
    expect(
      out.requestFailed(
        'Error writing data to secret/foo',
        'dial tcp 127.0.0.1:8200: connect: connection refused',
      ),
    ).toBe(2);
    expect(streams.err()).toBe(
      'Error writing data to secret/foo: dial tcp 127.0.0.1:8200: connect: connection refused\n',
    );
  });

  test('errors are red on a terminal', () => {
    const { streams, out } = make('table', true);
    out.notFound('secret/foo');
    expect(streams.err()).toBe('\u001b[31mNo value found at secret/foo\u001b[39m\n');
  });
});

describe('messages and exit codes', () => {
  test('No value found at <path>: exit 2', () => {
    const { streams, out } = make();
    expect(out.notFound('secret/foo')).toBe(2);
    expect(streams.err()).toBe('No value found at secret/foo\n');
  });

  test('success lines in table format only', () => {
    const table = make();
    expect(table.out.success('Success! Data written to: secret/foo')).toBe(0);
    table.out.success('Success! Data deleted (if it existed) at: secret/foo');
    expect(table.streams.out()).toBe(
      'Success! Data written to: secret/foo\nSuccess! Data deleted (if it existed) at: secret/foo\n',
    );
    const json = make('json');
    json.out.success('Success! Data written to: secret/foo');
    expect(json.streams.out()).toBe('');
  });

  test('usage errors exit 1; raw is rejected outside vault read', () => {
    const { streams, out } = make('raw');
    expect(out.usageError('Not enough arguments (expected 1, got 0)')).toBe(1);
    expect(out.rejectRaw()).toBe(1);
    expect(streams.err()).toBe(
      'Not enough arguments (expected 1, got 0)\nThis command does not support the -format=raw option.\n',
    );
    expect(make('json').out.rejectRaw()).toBeUndefined();
  });

  test('vault read -format=raw prints the body and a newline', () => {
    const { streams, out } = make('raw');
    expect(out.raw('{"data":{"foo":"bar"}}')).toBe(0);
    expect(streams.out()).toBe('{"data":{"foo":"bar"}}\n');
  });

  test('data() is OutputData: a key/value table without secret rows', () => {
    const { streams, out } = make();
    out.data({ b: 2, a: 'x' });
    expect(streams.out()).toBe('Key    Value\n---    -----\na      x\nb      2\n');
  });
});

describe('format selection (-format, VAULT_FORMAT)', () => {
  test('flag over env, lower-cased, yml is yaml, default table', () => {
    const streams = fakeStreams();
    expect(resolveOutputFormat(streams, 'JSON', { VAULT_FORMAT: 'yaml' })).toEqual({
      ok: true,
      format: 'json',
    });
    expect(resolveOutputFormat(streams, undefined, { VAULT_FORMAT: 'yml' })).toEqual({
      ok: true,
      format: 'yaml',
    });
    expect(resolveOutputFormat(streams, '', {})).toEqual({ ok: true, format: 'table' });
    expect(streams.err()).toBe('');
  });

  test('an unknown format: Invalid output format: x', () => {
    const streams = fakeStreams();
    expect(resolveOutputFormat(streams, 'XML', {})).toEqual({
      ok: false,
      message: 'Invalid output format: xml',
    });
    expect(streams.err()).toBe('Invalid output format: xml\n');
  });
});
