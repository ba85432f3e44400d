import { describe, expect, test } from 'vitest';
import { ACL } from '../../../src/core/policy/acl.js';
import { globMatch } from '../../../src/core/policy/acl-parameters.js';
import { parsePolicy } from '../../../src/core/policy/policy.js';

// The parameter cases of Vault's vault/acl_test.go (TestACL_AllowOperation, TestACL_ValuePermissions).
const namesPolicy = parsePolicy(
  'dev',
  `
path "dev/*" {
  policy = "write"
  allowed_parameters = { "zip" = [] }
}
path "foo/bar" {
  policy = "write"
  denied_parameters = { "zap" = [] }
  min_wrapping_ttl = 300
  max_wrapping_ttl = 400
}
path "foo/baz" {
  policy = "write"
  allowed_parameters = { "hello" = [] }
  denied_parameters = { "zap" = [] }
  min_wrapping_ttl = 300
}
path "working/phone" {
  policy = "write"
  max_wrapping_ttl = 400
}
path "broken/phone" {
  policy = "write"
  allowed_parameters = { "steve" = [] }
  denied_parameters = { "steve" = [] }
}
path "hello/world" {
  policy = "write"
  allowed_parameters = { "*" = [] }
  denied_parameters = { "*" = [] }
}
path "tree/fort" {
  policy = "write"
  allowed_parameters = { "*" = [] }
  denied_parameters = { "foo" = [] }
}
path "fruit/apple" {
  policy = "write"
  allowed_parameters = { "pear" = [] }
  denied_parameters = { "*" = [] }
}
path "cold/weather" {
  policy = "write"
  allowed_parameters = {}
  denied_parameters = {}
}
path "var/aws" {
  policy = "write"
  allowed_parameters = { "*" = [] }
  denied_parameters = { "soft" = [], "warm" = [], "kitty" = [] }
}
path "var/req" {
  policy = "write"
  required_parameters = ["foo"]
}
`,
);

const valuesPolicy = parsePolicy(
  'op',
  `
path "dev/*" {
  policy = "write"
  allowed_parameters = { "allow" = ["good"] }
}
path "foo/bar" {
  policy = "write"
  denied_parameters = { "deny" = ["bad*"] }
}
path "foo/baz" {
  policy = "write"
  allowed_parameters = { "ALLOW" = ["good"] }
  denied_parameters = { "dEny" = ["bad"] }
}
path "fizz/buzz" {
  policy = "write"
  allowed_parameters = {
    "allow_multi" = ["good", "good1", "good2", "*good3"]
    "allow" = ["good"]
  }
  denied_parameters = { "deny_multi" = ["bad", "bad1", "bad2"] }
}
path "test/types" {
  policy = "write"
  allowed_parameters = {
    "map" = [{"good" = "one"}]
    "int" = [1, 2]
    "bool" = [false]
  }
  denied_parameters = {}
}
path "test/star" {
  policy = "write"
  allowed_parameters = {
    "*" = []
    "foo" = []
    "bar" = [false]
  }
  denied_parameters = {}
}
`,
);

const writes = ['update', 'create'] as const;

describe('parameter names and wrapping TTLs', () => {
  const acl = new ACL([namesPolicy]);
  test.each<[string, number | undefined, string[], boolean]>([
    ['dev/ops', undefined, ['zip'], true],
    ['foo/bar', undefined, ['zap'], false],
    ['foo/bar', undefined, ['zip'], false],
    ['foo/bar', 50, ['zip'], false],
    ['foo/bar', 450, ['zip'], false],
    ['foo/bar', 350, ['zip'], true],
    ['foo/baz', undefined, ['hello'], false],
    ['foo/baz', 50, ['hello'], false],
    ['foo/baz', 450, ['hello'], true],
    ['foo/baz', undefined, ['zap'], false],
    ['broken/phone', undefined, ['steve'], false],
    ['working/phone', undefined, [''], false],
    ['working/phone', 450, [''], false],
    ['working/phone', 350, [''], true],
    ['hello/world', undefined, ['one'], false],
    ['tree/fort', undefined, ['one'], true],
    ['tree/fort', undefined, ['foo'], false],
    ['fruit/apple', undefined, ['pear'], false],
    ['fruit/apple', undefined, ['one'], false],
    ['cold/weather', undefined, ['four'], true],
    ['var/aws', undefined, ['cold', 'warm', 'kitty'], false],
    ['var/req', undefined, ['cold', 'warm', 'kitty'], false],
    ['var/req', undefined, ['cold', 'warm', 'kitty', 'foo'], true],
  ])('%s wrap=%s params=%j → %s', (path, wrapTTL, names, allowed) => {
    const data = Object.fromEntries(names.map((name) => [name, '']));
    for (const op of writes) {
      expect(acl.allowOperation(op, path, data, { wrapTTL }).allowed).toBe(allowed);
    }
  });
});

describe('parameter values', () => {
  const acl = new ACL([valuesPolicy]);
  test.each<[string, Record<string, unknown>, boolean]>([
    ['dev/ops', { allow: 'good' }, true],
    ['dev/ops', { allow: 'bad' }, false],
    ['foo/bar', { deny: 'bad' }, false],
    ['foo/bar', { deny: 'bad glob' }, false],
    ['foo/bar', { deny: 'good' }, true],
    ['foo/bar', { allow: 'good' }, true],
    ['foo/bar', { deny: null }, true],
    ['foo/bar', { allow: null }, true],
    ['foo/baz', { aLLow: 'good' }, true],
    ['foo/baz', { deny: 'bad' }, false],
    ['foo/baz', { deny: 'good' }, false],
    ['foo/baz', { allow: 'good', deny: 'bad' }, false],
    ['foo/baz', { deNy: 'bad', allow: 'good' }, false],
    ['foo/baz', { aLLow: 'bad' }, false],
    ['foo/baz', { Neither: 'bad' }, false],
    ['foo/baz', { allow: null }, false],
    ['fizz/buzz', { allow_multi: 'good' }, true],
    ['fizz/buzz', { allow_multi: 'good1' }, true],
    ['fizz/buzz', { allow_multi: 'good2' }, true],
    ['fizz/buzz', { allow_multi: 'glob good2' }, false],
    ['fizz/buzz', { allow_multi: 'glob good3' }, true],
    ['fizz/buzz', { allow_multi: 'bad' }, false],
    ['fizz/buzz', { allow_multi: 'good1', allow: 'good' }, true],
    ['fizz/buzz', { deny_multi: 'bad2' }, false],
    ['fizz/buzz', { deny_multi: 'good', allow_multi: 'good2' }, false],
    ['test/types', { map: { good: 'one' } }, true],
    ['test/types', { map: { bad: 'one' } }, false],
    ['test/types', { int: 1 }, true],
    ['test/types', { int: 3 }, false],
    ['test/types', { bool: false }, true],
    ['test/types', { bool: true }, false],
    ['test/star', { anything: true }, true],
    ['test/star', { foo: true }, true],
    ['test/star', { bar: false }, true],
    ['test/star', { bar: true }, false],
    // Lists and comma-separated strings: every element allowed, any element denied.
    ['fizz/buzz', { allow_multi: ['good', 'good1'] }, true],
    ['fizz/buzz', { allow_multi: ['good', 'bad'] }, false],
    ['fizz/buzz', { allow_multi: 'good, good2' }, true],
    ['fizz/buzz', { allow_multi: 'good,bad' }, false],
    ['fizz/buzz', { deny_multi: ['fine', 'bad1'] }, false],
    ['fizz/buzz', { deny_multi: 'fine,bad1' }, false],
    // parseutil reads "" as an empty list, which every allow-list accepts.
    ['dev/ops', { allow: '' }, true],
  ])('%s %j → %s', (path, data, allowed) => {
    for (const op of writes) expect(acl.allowOperation(op, path, data).allowed).toBe(allowed);
  });

  test('no data passes value constraints; required parameters are still required', () => {
    expect(acl.allowOperation('update', 'dev/ops', {}).allowed).toBe(true);
    expect(new ACL([namesPolicy]).allowOperation('update', 'var/req', {}).allowed).toBe(false);
  });

  test('constraints apply to read and patch too, but not to delete or list', () => {
    const policy = parsePolicy(
      'p',
      'path "a" {\n capabilities = ["read", "patch", "delete", "list"]\n denied_parameters = { x = [] } }',
    );
    const constrained = new ACL([policy]);
    expect(constrained.allowOperation('read', 'a', { x: 1 }).allowed).toBe(false);
    expect(constrained.allowOperation('patch', 'a', { x: 1 }).allowed).toBe(false);
    expect(constrained.allowOperation('delete', 'a', { x: 1 }).allowed).toBe(true);
    expect(constrained.allowOperation('list', 'a', { x: 1 }).allowed).toBe(true);
  });
});

describe('globMatch', () => {
  test.each([
    ['good', 'good', true],
    ['good', 'goods', false],
    ['bad*', 'bad glob', true],
    ['bad*', 'not bad', false],
    ['*good3', 'glob good3', true],
    ['*mid*', 'a mid b', true],
    ['*', 'anything', false],
    ['*', '*', true],
    ['', '', true],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});
