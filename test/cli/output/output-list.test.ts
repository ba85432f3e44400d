import { describe, expect, test } from 'vitest';
import type { OutputFormat } from '../../../src/cli/output/format.js';
import { createOutput } from '../../../src/cli/output/output.js';
import type { Secret } from '../../../src/client/secret.js';
import { fakeStreams, plainEnv } from './fake-streams.js';
import { listSecret, wrappedSecret } from './fixtures.js';

function list(secret: Secret | null, format: OutputFormat = 'table', detailed = false) {
  const streams = fakeStreams();
  const out = createOutput({ streams, format, env: plainEnv, detailed });
  const code = out.listResponse(secret, 'secret/');
  return { code, out: streams.out(), err: streams.err() };
}

describe('vault list (OutputList)', () => {
  test('table: sorted keys under Keys/---- (reference example)', () => {
    expect(list(listSecret)).toEqual({ code: 0, out: 'Keys\n----\nbar\nfoo/\n', err: '' });
  });

  test('json and yaml print only the keys, in the order the server sent them', () => {
    expect(list(listSecret, 'json').out).toBe('[\n  "foo/",\n  "bar"\n]\n');
    expect(list(listSecret, 'yaml').out).toBe('- foo/\n- bar\n');
  });

  test('json with -detailed prints the whole secret', () => {
    expect(list(listSecret, 'json', true).out).toContain(
      '"data": {\n    "keys": [\n      "foo/",\n      "bar"\n    ]\n  }',
    );
  });

  test('table with -detailed adds key_info columns, n/a for missing values, durations humanized', () => {
    const secret: Secret = {
      ...listSecret,
      data: {
        keys: ['web', 'admin'],
        key_info: { web: { ttl: 3600, type: 'service' }, admin: { type: 'batch' } },
      },
    };
    expect(list(secret, 'table', true).out).toBe(
      'Keys     ttl    type\n----     ---    ----\nadmin    n/a    batch\nweb      1h     service\n',
    );
    expect(list(secret, 'table', false).out).toBe('Keys\n----\nadmin\nweb\n');
  });

  test('warnings come first, on stderr', () => {
    const { out, err } = list({ ...listSecret, warnings: ['listing is slow'] });
    expect(err).toBe('WARNING! The following warnings were returned from Vault:\n\n  * listing is slow\n\n');
    expect(out).toBe('Keys\n----\nbar\nfoo/\n');
  });

  test('nothing at the path: No value found (2); no keys: No entries found (2)', () => {
    expect(list(null)).toEqual({ code: 2, out: '', err: 'No value found at secret/\n' });
    expect(list({ ...listSecret, data: { other: 1 } })).toEqual({
      code: 2,
      out: '',
      err: 'No entries found at secret/\n',
    });
  });

  test('non-table format with no keys prints {} and exits 2', () => {
    expect(list(null, 'json')).toEqual({ code: 2, out: '{}\n', err: '' });
    expect(list(null, 'yaml')).toEqual({ code: 2, out: '{}\n', err: '' });
  });

  test('a wrapped list response prints the wrap info', () => {
    expect(list(wrappedSecret).out).toContain('wrapping_token:                  fc76f5e8');
  });

  test('a non-string key is a formatter failure', () => {
    expect(list({ ...listSecret, data: { keys: ['a', 5] } })).toEqual({
      code: 1,
      out: '',
      err: 'Could not parse output: 5 is not a string\n',
    });
  });
});
