import { describe, expect, test } from 'vitest';
import type { OutputFormat } from '../../../src/cli/output/format.js';
import { headerForMap, padEqualSigns } from '../../../src/cli/output/kv-layout.js';
import { createOutput } from '../../../src/cli/output/output.js';
import type { Secret } from '../../../src/client/secret.js';
import { fakeStreams, plainEnv } from './fake-streams.js';
import { kvV1Read, kvV2Read, wrappedSecret } from './fixtures.js';

function get(secret: Secret, v2: boolean, opts: { format?: OutputFormat; field?: string } = {}) {
  const streams = fakeStreams();
  const out = createOutput({
    streams,
    format: opts.format ?? 'table',
    env: plainEnv,
    ...(opts.field ? { field: opts.field } : {}),
  });
  const code = out.kvGet(secret, { path: v2 ? 'secret/data/creds' : 'secret/creds', v2 });
  return { code, out: streams.out(), err: streams.err() };
}

describe('vault kv get', () => {
  test('KV v2: Secret Path, Metadata and Data sections (the Vault docs example)', () => {
    expect(get(kvV2Read, true)).toEqual({
      code: 0,
      err: '',
      out: `== Secret Path ==
secret/data/creds

======= Metadata =======
Key                Value
---                -----
created_time       2022-06-15T20:23:40.067093Z
custom_metadata    <nil>
deletion_time      n/a
destroyed          false
version            1

====== Data ======
Key         Value
---         -----
passcode    my-long-passcode
`,
    });
  });

  test('KV v1: only the data section, without refresh_interval', () => {
    expect(get(kvV1Read, false).out).toBe(`=== Data ===
Key    Value
---    -----
baz    n/a
foo    bar
`);
  });

  test('warnings before the sections, on stderr', () => {
    const { err } = get({ ...kvV2Read, warnings: ['careful'] }, true);
    expect(err).toBe('WARNING! The following warnings were returned from Vault:\n\n  * careful\n\n');
  });

  test('other formats and wrapped responses print the whole secret', () => {
    expect(get(kvV2Read, true, { format: 'json' }).out).toContain(
      '"data": {\n    "data": {\n      "passcode"',
    );
    expect(get(wrappedSecret, true).out).toContain('wrapping_token:');
  });

  test('-field reads from data.data on v2; No data found when it is absent', () => {
    expect(get(kvV2Read, true, { field: 'passcode' })).toEqual({ code: 0, out: 'my-long-passcode', err: '' });
    expect(get(kvV2Read, true, { field: 'nope' }).err).toBe('Field "nope" not present in secret\n');
    expect(get({ ...kvV2Read, data: { metadata: {} } }, true, { field: 'passcode' })).toEqual({
      code: 2,
      out: '',
      err: 'No data found at secret/data/creds\n',
    });
    expect(get(kvV2Read, true, { field: 'data' }).out).toBe('map[passcode:my-long-passcode]');
    expect(get(kvV1Read, false, { field: 'foo' }).out).toBe('bar');
  });
});

describe('vault kv put (v2)', () => {
  test('Secret Path and Metadata sections (the Vault docs example)', () => {
    const streams = fakeStreams();
    const out = createOutput({ streams, format: 'table', env: plainEnv });
    const written: Secret = {
      ...kvV2Read,
      data: {
        created_time: '2022-06-15T20:14:17.107852Z',
        custom_metadata: null,
        deletion_time: '',
        destroyed: false,
        version: 1,
      },
    };
    expect(out.kvWritten(written, { path: 'secret/data/creds' })).toBe(0);
    expect(streams.out()).toBe(`== Secret Path ==
secret/data/creds

======= Metadata =======
Key                Value
---                -----
created_time       2022-06-15T20:14:17.107852Z
custom_metadata    <nil>
deletion_time      n/a
destroyed          false
version            1
`);
  });
});

describe('section titles (padEqualSigns)', () => {
  test('sized to the text, at least two signs a side, rounded up to even', () => {
    expect(padEqualSigns('Secret Path', 'secret/data/foo'.length)).toBe('= Secret Path =');
    expect(padEqualSigns('Secret Path', 'secret/data/my-app/config'.length)).toBe(
      '====== Secret Path ======',
    );
    expect(padEqualSigns('Secret Path', 3)).toBe('== Secret Path ==');
    expect(headerForMap('Data', { passcode: 1 })).toBe('====== Data ======');
    expect(headerForMap('Metadata', {})).toBe('== Metadata ==');
  });
});
