import { describe, expect, test } from 'vitest';
import { decodePolicyText, normalizePolicyName, parsePolicy } from '../../../src/core/policy/policy.js';
import { isHvrError } from '../../../src/logical/errors.js';

const rules = (text: string) => parsePolicy('p', text).paths;
const rule = (text: string) => {
  const [first] = rules(text);
  if (first === undefined) throw new Error('no path rule');
  return first;
};

function parseError(text: string): string {
  try {
    parsePolicy('p', text);
  } catch (error) {
    if (isHvrError(error) && error.code === 'HVR_BAD_REQUEST' && error.status === 400) return error.message;
    throw error;
  }
  throw new Error('expected a parse error');
}

describe('parsePolicy', () => {
  test('HCL policy: name, raw text and path rules', () => {
    const text =
      'path "secret/*" {\n  capabilities = ["read", "list"]\n}\npath "secret/foo" { capabilities = ["deny"] }';
    expect(parsePolicy('dev', text)).toEqual({
      name: 'dev',
      raw: text,
      paths: [
        { path: 'secret/', capabilities: ['read', 'list'], isPrefix: true, hasSegmentWildcards: false },
        { path: 'secret/foo', capabilities: ['deny'], isPrefix: false, hasSegmentWildcards: false },
      ],
    });
  });

  test('JSON policy, in both of the shapes HCL accepts', () => {
    const object = rules('{"path": {"secret/*": {"capabilities": ["read"]}, "kv/a": {"policy": "write"}}}');
    const list = rules('{"path": [{"secret/*": {"capabilities": ["read"]}}, {"kv/a": {"policy": "write"}}]}');
    const expected = [
      { path: 'secret/', capabilities: ['read'], isPrefix: true, hasSegmentWildcards: false },
      {
        path: 'kv/a',
        capabilities: ['create', 'read', 'update', 'delete', 'list'],
        isPrefix: false,
        hasSegmentWildcards: false,
      },
    ];
    expect(object).toEqual(expected);
    expect(list).toEqual(expected);
  });

  test('base64-encoded bodies are decoded, and raw keeps the decoded text', () => {
    const text = 'path "secret/*" { capabilities = ["read"] }';
    const encoded = Buffer.from(text).toString('base64');
    const policy = parsePolicy('b', `${encoded.slice(0, 10)}\n${encoded.slice(10)}`);
    expect(policy.raw).toBe(text);
    expect(policy.paths[0]?.path).toBe('secret/');
  });

  test('text that is not base64 is used as is', () => {
    expect(decodePolicyText('path "a" {}')).toBe('path "a" {}');
    expect(decodePolicyText('')).toBe('');
  });

  test('an empty policy has no paths; a `name` key is accepted and ignored', () => {
    expect(parsePolicy('x', '').paths).toEqual([]);
    expect(parsePolicy('x', 'name = "Other"').name).toBe('x');
  });

  test('repeated path blocks are kept (the ACL merges them)', () => {
    expect(rules('path "a" { capabilities = ["read"] }\npath "a" { capabilities = ["list"] }')).toHaveLength(
      2,
    );
  });

  test.each([
    [
      'leading slash stripped',
      '/secret/foo',
      { path: 'secret/foo', isPrefix: false, hasSegmentWildcards: false },
    ],
    ['trailing glob', 'secret/*', { path: 'secret/', isPrefix: true, hasSegmentWildcards: false }],
    ['bare glob', '*', { path: '', isPrefix: true, hasSegmentWildcards: false }],
    [
      'segment wildcard',
      'secret/+/foo',
      { path: 'secret/+/foo', isPrefix: false, hasSegmentWildcards: true },
    ],
    [
      'segment wildcard keeps the glob',
      'secret/+/*',
      { path: 'secret/+/*', isPrefix: false, hasSegmentWildcards: true },
    ],
    ['leading +', '+/foo', { path: '+/foo', isPrefix: false, hasSegmentWildcards: true }],
    ['lone +', '+', { path: '+', isPrefix: false, hasSegmentWildcards: true }],
    [
      '+ inside a segment is literal',
      'a/b+c',
      { path: 'a/b+c', isPrefix: false, hasSegmentWildcards: false },
    ],
  ])('path %s', (_name, path, expected) => {
    expect(rule(`path "${path}" { capabilities = ["read"] }`)).toMatchObject(expected);
  });

  test.each([
    ['read', ['read', 'list']],
    ['write', ['create', 'read', 'update', 'delete', 'list']],
    ['sudo', ['create', 'read', 'update', 'delete', 'list', 'sudo']],
    ['deny', ['deny']],
  ])('legacy policy = "%s"', (legacy, capabilities) => {
    expect(rule(`path "a" { policy = "${legacy}" }`).capabilities).toEqual(capabilities);
  });

  test('legacy policy appends to capabilities; deny replaces them', () => {
    expect(rule('path "a" { policy = "read"\n capabilities = ["update", "sudo"] }').capabilities).toEqual([
      'update',
      'sudo',
      'read',
      'list',
    ]);
    expect(rule('path "a" { policy = "deny"\n capabilities = ["read"] }').capabilities).toEqual(['deny']);
  });

  test('deny discards every other setting of the block', () => {
    const denied = rule(
      'path "a" {\n capabilities = ["read", "deny"]\n allowed_parameters = { x = [] }\n max_wrapping_ttl = "1h"\n}',
    );
    expect(denied).toEqual({
      path: 'a',
      capabilities: ['deny'],
      isPrefix: false,
      hasSegmentWildcards: false,
    });
  });

  test('capabilities are deduplicated; patch, subscribe and recover are valid', () => {
    expect(
      rule('path "a" { capabilities = ["read", "patch", "read", "subscribe", "recover"] }').capabilities,
    ).toEqual(['read', 'patch', 'subscribe', 'recover']);
  });

  test('repeated capabilities keys in one block concatenate', () => {
    expect(rule('path "a" {\n capabilities = ["read"]\n capabilities = ["list"]\n}').capabilities).toEqual([
      'read',
      'list',
    ]);
  });

  test('parameters: names lower-cased, values kept with their types', () => {
    const text = `path "a" {
      capabilities = ["create"]
      allowed_parameters = {
        "Foo" = []
        "bar" = ["zip", "zap*"]
        "num" = [1, 2]
        "map" = [{ good = "one" }]
      }
      denied_parameters { "*" = [] }
      required_parameters = ["bar"]
    }`;
    expect(rule(text)).toMatchObject({
      allowedParameters: { foo: [], bar: ['zip', 'zap*'], num: [1, 2], map: [{ good: 'one' }] },
      deniedParameters: { '*': [] },
      requiredParameters: ['bar'],
    });
  });

  test('an empty parameter map is kept', () => {
    expect(
      rule('path "a" { capabilities = ["create"]\n allowed_parameters = {} }').allowedParameters,
    ).toEqual({});
  });

  test.each([
    ['300', 300],
    ['"5m"', 300],
    ['"1h30m"', 5400],
    ['"2d"', 172800],
  ])('wrapping TTL %s → %d seconds', (value, seconds) => {
    expect(
      rule(
        `path "a" { capabilities = ["read"]\n min_wrapping_ttl = ${value}\n max_wrapping_ttl = ${value} }`,
      ),
    ).toMatchObject({ minWrappingTTL: seconds, maxWrappingTTL: seconds });
  });

  test('mfa methods, subscribe event types and comments', () => {
    const text = `path "a" {
      comment = "anything goes here"
      capabilities = ["subscribe"]
      mfa_methods = ["totp"]
      subscribe_event_types = ["kv*"]
    }`;
    expect(rule(text)).toMatchObject({ mfaMethods: ['totp'], subscribeEventTypes: ['kv*'] });
  });

  test('a control group is parsed and validated', () => {
    const text = `path "a" {
      capabilities = ["read", "update"]
      control_group = {
        ttl = "4h"
        factor "managers" {
          identity { group_names = ["managers"]\n approvals = 2 }
          controlled_capabilities = ["update"]
        }
      }
    }`;
    expect(rule(text).controlGroup).toEqual({
      ttl: 14400,
      factors: [
        {
          name: 'managers',
          groupIds: [],
          groupNames: ['managers'],
          approvals: 2,
          controlledCapabilities: ['update'],
        },
      ],
    });
  });

  test('identity templating marks the rule', () => {
    expect(rule('path "secret/{{identity.entity.id}}/*" { capabilities = ["read"] }')).toMatchObject({
      path: 'secret/{{identity.entity.id}}/',
      templated: true,
    });
  });
});

describe('parsePolicy errors', () => {
  test.each([
    [
      'invalid capability',
      'path "a/b" { capabilities = ["read", "reed"] }',
      'failed to parse policy: path "a/b": invalid capability "reed"',
    ],
    [
      'root is not a capability',
      'path "a" { capabilities = ["root"] }',
      'failed to parse policy: path "a": invalid capability "root"',
    ],
    [
      'invalid capability named with the original key',
      'path "/a" { capabilities = ["x"] }',
      'failed to parse policy: path "/a": invalid capability "x"',
    ],
    [
      '+* is forbidden',
      'path "/secret/+*" { capabilities = ["read"] }',
      `failed to parse policy: path "secret/+*": invalid use of wildcards ('+*' is forbidden)`,
    ],
    [
      'invalid legacy policy',
      'path "a" { policy = "admin" }',
      'failed to parse policy: path "a": invalid policy "admin"',
    ],
    [
      'unknown top-level key',
      'path "a" { capabilities = ["read"] }\nfoo = "bar"',
      'failed to parse policy: 1 error occurred:\n\t* invalid key "foo" on line 2\n\n',
    ],
    [
      'unknown keys in a path',
      'path "a" {\n  capabilities = ["read"]\n  foo = 1\n  bar { }\n}',
      'failed to parse policy: 2 errors occurred:\n\t* path "a": invalid key "foo" on line 3\n\t* path "a": invalid key "bar" on line 4\n\n',
    ],
    [
      'capabilities not a list',
      'path "a" {\n  capabilities = "read"\n}',
      'failed to parse policy: path "a": At 2:18: capabilities: expected a list of strings, got a string',
    ],
    [
      'capability not a string',
      'path "a" { capabilities = [1] }',
      'failed to parse policy: path "a": At 1:28: capabilities[0]: expected a string, got a number',
    ],
    [
      'parameter values not a list',
      'path "a" { allowed_parameters = { x = "y" } }',
      'failed to parse policy: path "a": At 1:39: allowed_parameters: expected a list of values for "x", got a string',
    ],
    [
      'name not a string',
      'name = ["x"]',
      'failed to parse policy: At 1:8: name: expected a string, got a list',
    ],
    [
      'path without a block',
      'path = "a"',
      'failed to parse policy: At 1:8: path: expected a block with a label, got a string',
    ],
    [
      'path with two labels',
      'path "a" "b" { }',
      'failed to parse policy: At 1:10: path: expected one label, got 2',
    ],
    [
      'bad duration',
      'path "a" { capabilities = ["read"]\n min_wrapping_ttl = "5 minutes" }',
      'failed to parse policy: error parsing min_wrapping_ttl: time: invalid duration "5 minutes"',
    ],
    [
      'max below min',
      'path "a" { capabilities = ["read"]\n min_wrapping_ttl = "10m"\n max_wrapping_ttl = "5m" }',
      'failed to parse policy: max_wrapping_ttl cannot be less than min_wrapping_ttl',
    ],
    [
      'control group without factors',
      'path "a" { capabilities = ["read"]\n control_group { ttl = "1h" } }',
      'failed to parse policy: no control group factors provided',
    ],
    [
      'control group factor without identity',
      'path "a" { capabilities = ["read"]\n control_group { factor "f" { } } }',
      'failed to parse policy: no control_group factor provided',
    ],
    [
      'control group without approvals',
      'path "a" { capabilities = ["read"]\n control_group { factor "f" { identity { group_ids = ["g"] } } } }',
      'failed to parse policy: must provide more than one identity group and approvals > 0',
    ],
    [
      'control group capabilities not a subset',
      'path "a" { capabilities = ["read"]\n control_group { factor "f" {\n identity { group_ids = ["g"]\n approvals = 1 }\n controlled_capabilities = ["update"] } } }',
      "failed to parse policy: control group factor capabilities must be a subset of the policy's capabilities",
    ],
    [
      'syntax error',
      'path "a" {\n  capabilities = ["read"\n}',
      "failed to parse policy: At 3:1: expected ',' or ']' in the list opened at 2:18, got '}'",
    ],
    [
      'JSON syntax error',
      '{"path": {"a": {"capabilities": ["read"],}}}',
      "failed to parse policy: At 1:42: expected a string key, got '}'",
    ],
  ])('%s', (_name, text, message) => {
    expect(parseError(text)).toBe(message);
  });

  test('the first invalid capability is reported, unless deny came first', () => {
    expect(parseError('path "a" { capabilities = ["nope", "deny"] }')).toBe(
      'failed to parse policy: path "a": invalid capability "nope"',
    );
    expect(rule('path "a" { capabilities = ["deny", "nope"] }').capabilities).toEqual(['deny']);
  });
});

describe('normalizePolicyName', () => {
  test.each([
    ['Admin', 'admin'],
    ['  Dev-Team ', 'dev-team'],
    ['root', 'root'],
  ])('%j → %j', (name, expected) => {
    expect(normalizePolicyName(name)).toBe(expected);
  });
});
