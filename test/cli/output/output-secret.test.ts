import { describe, expect, test } from 'vitest';
import type { OutputFormat } from '../../../src/cli/output/format.js';
import { createOutput } from '../../../src/cli/output/output.js';
import type { Secret } from '../../../src/client/secret.js';
import { fakeStreams, plainEnv } from './fake-streams.js';
import {
  kvV1Read,
  leasedSecret,
  nestedSecret,
  plainSecret,
  rootLogin,
  tokenCreate,
  warnedSecret,
  wrappedSecret,
  wrappedToken,
} from './fixtures.js';

function render(secret: Secret, format: OutputFormat = 'table') {
  const streams = fakeStreams();
  const code = createOutput({ streams, format, env: plainEnv }).secret(secret);
  return { code, out: streams.out(), err: streams.err() };
}

describe('table format (TableFormatter.OutputSecret)', () => {
  test('KV v1 read: a duration without a lease id is refresh_interval; empty values are n/a', () => {
    expect(render(kvV1Read)).toEqual({
      code: 0,
      out: 'Key                 Value\n---                 -----\nrefresh_interval    768h\nbaz                 n/a\nfoo                 bar\n',
      err: '',
    });
  });

  test('plain secret: sorted keys, Go %v for numbers, booleans and nil', () => {
    expect(render(plainSecret).out).toBe(
      [
        'Key        Value',
        '---        -----',
        'count      3',
        'enabled    true',
        'nothing    <nil>',
        'ratio      1.5',
        'zip        zap',
        '',
      ].join('\n'),
    );
  });

  test('a lease: lease_id, humanized lease_duration, lease_renewable', () => {
    expect(render(leasedSecret).out).toBe(
      [
        'Key                Value',
        '---                -----',
        'lease_id           database/creds/readonly/2f6a614c-4aa2-7b19-24b9-ad944a8d4de6',
        'lease_duration     1h',
        'lease_renewable    true',
        'password           A1a-p4y5mw8zvvqpx3x7',
        'username           v-token-readonly-8u9s4v2',
        '',
      ].join('\n'),
    );
  });

  test('a wrapped response: the wrapping_* keys keep their colons (transcript)', () => {
    expect(render(wrappedSecret).out).toBe(
      [
        'Key                              Value',
        '---                              -----',
        'wrapping_token:                  fc76f5e8-f8c4-be9a-50fb-39e5c79676b7',
        'wrapping_accessor:               e39c07b7-71bd-4946-87b3-86302538ac48',
        'wrapping_token_ttl:              1m',
        'wrapping_token_creation_time:    2018-06-08 00:47:43.915339533 +0000 UTC',
        'wrapping_token_creation_path:    secret/data/app_credential',
        '',
      ].join('\n'),
    );
  });

  test('a wrapped token adds wrapped_accessor; a numeric offset prints as Go prints a FixedZone', () => {
    expect(render(wrappedToken).out).toBe(
      [
        'Key                              Value',
        '---                              -----',
        'wrapping_token:                  hvs.CAESIJwrap',
        'wrapping_accessor:               Jt8gUnSH1Qhr5n9f4gLvH6KN',
        'wrapping_token_ttl:              5m',
        'wrapping_token_creation_time:    2024-01-02 03:04:05.5 -0500 -0500',
        'wrapping_token_creation_path:    auth/token/create',
        'wrapped_accessor:                M5Z7x2sCnyRTy3z9fSCqtmvQ',
        '',
      ].join('\n'),
    );
  });

  test('vault login with the root token (reference transcript)', () => {
    expect(render(rootLogin).out).toBe(
      [
        'Key                  Value',
        '---                  -----',
        'token                root',
        'token_accessor       1xFR5A5qSXsRcPRwW6FKJDP5',
        'token_duration       ∞',
        'token_renewable      false',
        'token_policies       ["root"]',
        'identity_policies    []',
        'policies             ["root"]',
        '',
      ].join('\n'),
    );
  });

  test('token create: %q policy lists, token_meta_ rows, a humanized duration', () => {
    expect(render(tokenCreate).out).toBe(
      [
        'Key                  Value',
        '---                  -----',
        'token                hvs.CAESIG3x',
        'token_accessor       VNO2XnzNyP5aDNwq9mBAHW3m',
        'token_duration       768h',
        'token_renewable      true',
        'token_policies       ["default" "web"]',
        'identity_policies    []',
        'policies             ["default" "web"]',
        'token_meta_app       ci',
        'token_meta_user      armon',
        '',
      ].join('\n'),
    );
  });

  test('warnings go to stderr, wrapped at 78 columns as in the DR transcript', () => {
    const { out, err } = render(warnedSecret);
    expect(err).toBe(
      [
        'WARNING! The following warnings were returned from Vault:',
        '',
        '  * Vault has successfully found secondary information; it may take a while to',
        '  perform setup tasks. Vault will be unavailable until these tasks and initial',
        '  sync complete.',
        '',
        '  * second <warning> & more',
        '',
        '',
      ].join('\n'),
    );
    expect(out).toBe('Key      Value\n---      -----\nstate    running\n');
  });

  test('nested maps and lists use %v; duration-looking integer keys are humanized', () => {
    expect(render(nestedSecret).out).toBe(
      [
        'Key               Value',
        '---               -----',
        'big               1e+21',
        'empty             map[]',
        'empty_list        []',
        'list              [a b]',
        'map               map[a:1 b:[x y]]',
        'max_ttl           1h',
        'nested            map[deep:map[x:<nil>]]',
        'period            1.5',
        'token_duration    768h',
        'ttl               1m30s',
        '',
      ].join('\n'),
    );
  });

  test('a secret with nothing to show prints nothing', () => {
    expect(render({ ...plainSecret, data: null })).toEqual({ code: 0, out: '', err: '' });
  });

  test('colour only on a terminal, in table format, without NO_COLOR', () => {
    const run = (tty: boolean, env: Record<string, string>) => {
      const streams = fakeStreams({ tty });
      createOutput({ streams, format: 'table', env }).secret(warnedSecret);
      return streams.err();
    };
    expect(run(true, {})).toContain('\u001b[33mWARNING!');
    expect(run(false, {})).not.toContain('\u001b[');
    expect(run(true, { NO_COLOR: '1' })).not.toContain('\u001b[');
    expect(run(true, { VAULT_CLI_NO_COLOR: '1' })).not.toContain('\u001b[');
  });
});

describe('non-table formats print the whole api.Secret', () => {
  test('json: MarshalIndent in struct order, maps sorted, <>& escaped, auth/wrap_info omitted', () => {
    expect(render(warnedSecret, 'json')).toEqual({
      code: 0,
      err: '',
      out: `{
  "request_id": "5e0e3b4a-ba35-11ee-8b2c-0242ac120002",
  "lease_id": "",
  "lease_duration": 0,
  "renewable": false,
  "data": {
    "state": "running"
  },
  "warnings": [
    "Vault has successfully found secondary information; it may take a while to perform setup tasks. Vault will be unavailable until these tasks and initial sync complete.",
    "second \\u003cwarning\\u003e \\u0026 more"
  ]
}
`,
    });
  });

  test('json: auth as api.SecretAuth (token_type dropped, mfa_requirement null)', () => {
    expect(render(rootLogin, 'json').out).toBe(`{
  "request_id": "5e0e3b4a-ba35-11ee-8b2c-0242ac120002",
  "lease_id": "",
  "lease_duration": 0,
  "renewable": false,
  "data": null,
  "warnings": null,
  "auth": {
    "client_token": "root",
    "accessor": "1xFR5A5qSXsRcPRwW6FKJDP5",
    "policies": [
      "root"
    ],
    "token_policies": [
      "root"
    ],
    "identity_policies": null,
    "metadata": null,
    "orphan": true,
    "entity_id": "",
    "lease_duration": 0,
    "renewable": false,
    "mfa_requirement": null
  }
}
`);
  });

  test('json: wrap_info with RFC3339Nano creation_time', () => {
    expect(render(wrappedToken, 'json').out).toContain(`  "wrap_info": {
    "token": "hvs.CAESIJwrap",
    "accessor": "Jt8gUnSH1Qhr5n9f4gLvH6KN",
    "ttl": 300,
    "creation_time": "2024-01-02T03:04:05.5-05:00",
    "creation_path": "auth/token/create",
    "wrapped_accessor": "M5Z7x2sCnyRTy3z9fSCqtmvQ"
  }
}
`);
  });

  test('json: nested data, empty containers, numbers as their wire text, mount_type', () => {
    expect(render(nestedSecret, 'json').out).toBe(`{
  "request_id": "5e0e3b4a-ba35-11ee-8b2c-0242ac120002",
  "lease_id": "",
  "lease_duration": 0,
  "renewable": false,
  "data": {
    "big": 1e+21,
    "empty": {},
    "empty_list": [],
    "list": [
      "a",
      "b"
    ],
    "map": {
      "a": 1,
      "b": [
        "x",
        "y"
      ]
    },
    "max_ttl": "1h",
    "nested": {
      "deep": {
        "x": null
      }
    },
    "period": 1.5,
    "token_duration": 2764800,
    "ttl": 90
  },
  "warnings": null,
  "mount_type": "kv"
}
`);
  });

  test('yaml: keys re-sorted by yaml.v2, strings quoted only when they must be', () => {
    expect(render(kvV1Read, 'yaml').out).toBe(`data:
  baz: ""
  foo: bar
lease_duration: 2764800
lease_id: ""
renewable: false
request_id: 5e0e3b4a-ba35-11ee-8b2c-0242ac120002
warnings: null
`);
  });

  test('yaml: sequences under a key are not indented; YAML 1.1 booleans like y are quoted', () => {
    expect(render(rootLogin, 'yaml').out).toBe(`auth:
  accessor: 1xFR5A5qSXsRcPRwW6FKJDP5
  client_token: root
  entity_id: ""
  identity_policies: null
  lease_duration: 0
  metadata: null
  mfa_requirement: null
  orphan: true
  policies:
  - root
  renewable: false
  token_policies:
  - root
data: null
lease_duration: 0
lease_id: ""
renewable: false
request_id: 5e0e3b4a-ba35-11ee-8b2c-0242ac120002
warnings: null
`);
    expect(render(nestedSecret, 'yaml').out).toBe(`data:
  big: 1e+21
  empty: {}
  empty_list: []
  list:
  - a
  - b
  map:
    a: 1
    b:
    - x
    - "y"
  max_ttl: 1h
  nested:
    deep:
      x: null
  period: 1.5
  token_duration: 2764800
  ttl: 90
lease_duration: 0
lease_id: ""
mount_type: kv
renewable: false
request_id: 5e0e3b4a-ba35-11ee-8b2c-0242ac120002
warnings: null
`);
  });

  test('yaml: a long warning folds after column 80; a timestamp-like string is quoted', () => {
    expect(render(warnedSecret, 'yaml').out).toBe(`data:
  state: running
lease_duration: 0
lease_id: ""
renewable: false
request_id: 5e0e3b4a-ba35-11ee-8b2c-0242ac120002
warnings:
- Vault has successfully found secondary information; it may take a while to perform
  setup tasks. Vault will be unavailable until these tasks and initial sync complete.
- second <warning> & more
`);
    expect(render(wrappedSecret, 'yaml').out).toContain(
      '  creation_time: "2018-06-08T00:47:43.915339533Z"\n',
    );
  });

  test('pretty is refused for a secret; raw is refused outside vault read', () => {
    expect(render(plainSecret, 'pretty')).toEqual({
      code: 1,
      out: '',
      err: 'Could not parse output: cannot use the pretty formatter for this type\n',
    });
    expect(render(plainSecret, 'raw')).toEqual({
      code: 1,
      out: '',
      err: 'Could not parse output: This command does not support the -format=raw option; only `vault read` does.\n',
    });
  });

  test('yaml that yaml.v2 cannot read back is a formatter failure', () => {
    expect(render({ ...plainSecret, data: { k: 'a\u007f' } }, 'yaml')).toEqual({
      code: 1,
      out: '',
      err: 'Could not parse output: error converting JSON to YAML: yaml: control characters are not allowed\n',
    });
  });
});
