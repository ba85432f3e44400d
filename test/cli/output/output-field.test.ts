import { describe, expect, test } from 'vitest';
import type { OutputFormat } from '../../../src/cli/output/format.js';
import { createOutput } from '../../../src/cli/output/output.js';
import type { Secret } from '../../../src/client/secret.js';
import { fakeStreams, plainEnv } from './fake-streams.js';
import { kvV1Read, nestedSecret, plainSecret, rootLogin, tokenCreate, wrappedSecret } from './fixtures.js';

function field(
  secret: Secret,
  name: string,
  opts: { tty?: boolean; format?: OutputFormat; env?: Record<string, string> } = {},
) {
  const streams = fakeStreams({ tty: opts.tty === true });
  const out = createOutput({
    streams,
    format: opts.format ?? 'table',
    field: name,
    env: opts.env ?? plainEnv,
  });
  const code = out.secret(secret);
  return { code, out: streams.out(), err: streams.err() };
}

describe('-field (PrintRawField)', () => {
  test('piped: the raw value with no trailing newline', () => {
    expect(field(kvV1Read, 'foo')).toEqual({ code: 0, out: 'bar', err: '' });
  });

  test('on a terminal: followed by a newline', () => {
    expect(field(kvV1Read, 'foo', { tty: true })).toEqual({ code: 0, out: 'bar\n', err: '' });
  });

  test('a terminal with NO_COLOR or TERM=dumb counts as piped (fatih/color NoColor)', () => {
    expect(field(kvV1Read, 'foo', { tty: true, env: { NO_COLOR: '1' } }).out).toBe('bar');
    expect(field(kvV1Read, 'foo', { tty: true, env: { TERM: 'dumb' } }).out).toBe('bar');
  });

  test('missing or null field: Field "x" not present in secret, exit 1', () => {
    expect(field(kvV1Read, 'x')).toEqual({ code: 1, out: '', err: 'Field "x" not present in secret\n' });
    expect(field(plainSecret, 'nothing').code).toBe(1);
    expect(field(kvV1Read, 'we"ird').err).toBe('Field "we\\"ird" not present in secret\n');
  });

  test('maps and lists with %v; numbers as their wire text', () => {
    expect(field(nestedSecret, 'map').out).toBe('map[a:1 b:[x y]]');
    expect(field(nestedSecret, 'list').out).toBe('[a b]');
    expect(field(nestedSecret, 'ttl').out).toBe('90');
    expect(field(nestedSecret, 'big').out).toBe('1e+21');
  });

  test('secret-level fields: lease_duration, refresh_interval, request_id, data', () => {
    expect(field(kvV1Read, 'refresh_interval').out).toBe('2764800');
    expect(field(kvV1Read, 'request_id').out).toBe('5e0e3b4a-ba35-11ee-8b2c-0242ac120002');
    expect(field(kvV1Read, 'renewable').out).toBe('false');
    expect(field(kvV1Read, 'data').out).toBe('map[baz: foo:bar]');
    expect(field({ ...kvV1Read, data: null }, 'data').out).toBe('map[]');
  });

  test('auth fields: token, token_duration as seconds, policies with %v', () => {
    expect(field(rootLogin, 'token').out).toBe('root');
    expect(field(tokenCreate, 'token_duration').out).toBe('2764800');
    expect(field(tokenCreate, 'token_policies').out).toBe('[default web]');
    expect(field(rootLogin, 'identity_policies').out).toBe('[]');
    expect(field(rootLogin, 'lease_id').code).toBe(1);
  });

  test('wrap fields: wrapping_token, creation time in RFC3339Nano', () => {
    expect(field(wrappedSecret, 'wrapping_token').out).toBe('fc76f5e8-f8c4-be9a-50fb-39e5c79676b7');
    expect(field(wrappedSecret, 'wrapping_token_ttl').out).toBe('60');
    expect(field(wrappedSecret, 'wrapping_token_creation_time').out).toBe('2018-06-08T00:47:43.915339533Z');
    expect(field(wrappedSecret, 'wrapped_accessor').out).toBe('');
  });

  test('json and yaml encode the single value (yaml keeps its newline)', () => {
    expect(field(kvV1Read, 'foo', { format: 'json' }).out).toBe('"bar"');
    expect(field(kvV1Read, 'foo', { format: 'json', tty: true }).out).toBe('"bar"\n');
    expect(field(nestedSecret, 'map', { format: 'json' }).out).toBe(
      '{\n  "a": 1,\n  "b": [\n    "x",\n    "y"\n  ]\n}',
    );
    expect(field(kvV1Read, 'foo', { format: 'yaml' }).out).toBe('bar\n');
    expect(field(nestedSecret, 'map', { format: 'yaml' }).out).toBe('a: 1\nb:\n- x\n- "y"\n');
    expect(field(rootLogin, 'identity_policies', { format: 'json' }).out).toBe('null');
  });

  test('raw format prints %v; pretty prints nothing', () => {
    expect(field(kvV1Read, 'foo', { format: 'raw' }).out).toBe('bar');
    expect(field(kvV1Read, 'foo', { format: 'pretty' })).toEqual({ code: 0, out: '', err: '' });
  });

  test('dataField() on a plain map', () => {
    const streams = fakeStreams();
    const out = createOutput({ streams, format: 'table', env: plainEnv });
    expect(out.dataField({ a: 'b' }, 'a')).toBe(0);
    expect(streams.out()).toBe('b');
  });
});
