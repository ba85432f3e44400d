import { describe, expect, test } from 'vitest';
import { ACL } from '../../../src/core/policy/acl.js';
import { rootPolicy } from '../../../src/core/policy/builtin.js';
import { parsePolicy } from '../../../src/core/policy/policy.js';
import type { Operation } from '../../../src/logical/request.js';

const acl = (...texts: string[]) => new ACL(texts.map((text, i) => parsePolicy(`p${i}`, text)));

// The policies of Vault's vault/acl_test.go (aclPolicy, aclPolicy2).
const devPolicy = `
name = "DeV"
path "dev/*" { policy = "sudo" }
path "stage/*" { policy = "write" }
path "stage/aws/*" {
  policy = "read"
  capabilities = ["update", "sudo"]
}
path "stage/aws/policy/*" { policy = "sudo" }
path "prod/*" { policy = "read" }
path "prod/aws/*" { policy = "deny" }
path "sys/*" { policy = "deny" }
path "foo/bar" { capabilities = ["read", "create", "sudo"] }
path "baz/quux" { capabilities = ["read", "create", "patch"] }
path "test/+/segment" { capabilities = ["read"] }
path "+/segment/at/front" { capabilities = ["read"] }
path "test/segment/at/end/+" { capabilities = ["read"] }
path "test/segment/at/end/v2/+/" { capabilities = ["read"] }
path "test/+/wildcard/+/*" { capabilities = ["read"] }
path "test/+/wildcardglob/+/end*" { capabilities = ["read"] }
path "1/2/*" { capabilities = ["create"] }
path "1/2/+" { capabilities = ["read"] }
path "1/2/+/+" { capabilities = ["update"] }
`;

const opsPolicy = `
name = "OpS"
path "dev/hide/*" { policy = "deny" }
path "stage/aws/policy/*" {
  policy = "deny"
  # This should have no effect
  capabilities = ["read", "update", "sudo"]
}
path "prod/*" { policy = "write" }
path "sys/seal" { policy = "sudo" }
path "foo/bar" { capabilities = ["deny"] }
path "baz/quux" { capabilities = ["deny"] }
`;

type Case = [Operation, string, boolean, boolean];

const check = (subject: ACL, [op, path, allowed, rootPrivs]: Case) => {
  const result = subject.allowOperation(op, path);
  expect({ allowed: result.allowed, rootPrivs: result.rootPrivs }).toEqual({ allowed, rootPrivs });
};

describe('one policy (TestACL_Single)', () => {
  const subject = acl(devPolicy);
  test.each<Case>([
    ['read', 'root', false, false],
    ['help', 'root', true, false],
    ['read', 'dev/foo', true, true],
    ['update', 'dev/foo', true, true],
    ['delete', 'stage/foo', true, false],
    ['list', 'stage/aws/foo', true, true],
    ['update', 'stage/aws/foo', true, true],
    ['update', 'stage/aws/policy/foo', true, true],
    ['delete', 'prod/foo', false, false],
    ['update', 'prod/foo', false, false],
    ['read', 'prod/foo', true, false],
    ['list', 'prod/foo', true, false],
    ['read', 'prod/aws/foo', false, false],
    ['read', 'foo/bar', true, true],
    ['list', 'foo/bar', false, true],
    ['update', 'foo/bar', false, true],
    ['create', 'foo/bar', true, true],
    ['read', 'baz/quux', true, false],
    ['create', 'baz/quux', true, false],
    ['patch', 'baz/quux', true, false],
    ['list', 'baz/quux', false, false],
    ['update', 'baz/quux', false, false],
    // Segment wildcards
    ['read', 'test/foo/bar/segment', false, false],
    ['read', 'test/foo/segment', true, false],
    ['read', 'test/bar/segment', true, false],
    ['read', 'test/segment/at/frond', false, false],
    ['read', 'test/segment/at/front', true, false],
    ['read', 'test/segment/at/end/foo', true, false],
    ['read', 'test/segment/at/end/foo/', false, false],
    ['read', 'test/segment/at/end/v2/foo/', true, false],
    ['read', 'test/segment/wildcard/at/foo/', true, false],
    ['read', 'test/segment/wildcard/at/end', true, false],
    ['read', 'test/segment/wildcard/at/end/', true, false],
    // Segment wildcards against a glob
    ['read', '1/2/3/4', false, false],
    ['read', '1/2/3', true, false],
    ['update', '1/2/3', false, false],
    ['update', '1/2/3/4', true, false],
    ['create', '1/2/3/4/5', true, false],
  ])('%s %s → allowed %s, sudo %s', (...c) => check(subject, c));
});

describe('two policies (TestACL_Layered)', () => {
  const subject = acl(devPolicy, opsPolicy);
  test.each<Case>([
    ['read', 'root', false, false],
    ['help', 'root', true, false],
    ['read', 'dev/foo', true, true],
    ['update', 'dev/foo', true, true],
    ['read', 'dev/hide/foo', false, false],
    ['update', 'dev/hide/foo', false, false],
    ['delete', 'stage/foo', true, false],
    ['list', 'stage/aws/foo', true, true],
    ['update', 'stage/aws/foo', true, true],
    ['update', 'stage/aws/policy/foo', false, false],
    ['delete', 'prod/foo', true, false],
    ['update', 'prod/foo', true, false],
    ['read', 'prod/foo', true, false],
    ['list', 'prod/foo', true, false],
    ['read', 'prod/aws/foo', false, false],
    ['read', 'sys/status', false, false],
    ['update', 'sys/seal', true, true],
    ['read', 'foo/bar', false, false],
    ['list', 'foo/bar', false, false],
    ['update', 'foo/bar', false, false],
    ['create', 'foo/bar', false, false],
    ['read', 'baz/quux', false, false],
    ['patch', 'baz/quux', false, false],
  ])('%s %s → allowed %s, sudo %s', (...c) => check(subject, c));
});

describe('capabilities', () => {
  test.each([
    ['dev', ['deny']],
    ['dev/', ['create', 'delete', 'list', 'read', 'sudo', 'update']],
    ['stage/aws/test', ['list', 'read', 'sudo', 'update']],
    ['/stage/aws/test', ['list', 'read', 'sudo', 'update']],
    ['prod/aws/x', ['deny']],
    ['nowhere', ['deny']],
    ['baz/quux', ['create', 'patch', 'read']],
  ])('%s → %j', (path, expected) => {
    expect(acl(devPolicy).capabilities(path)).toEqual(expected);
  });

  test('the result reports the capabilities of the rule that decided', () => {
    expect(acl(devPolicy).allowOperation('update', 'prod/foo')).toEqual({
      allowed: false,
      rootPrivs: false,
      capabilities: ['list', 'read'],
    });
  });
});

describe('rule precedence', () => {
  // Each case has a read rule and an update rule; the update rule must win (TestACL_SegmentWildcardPriority).
  test.each([
    [
      '* beats +/* (later first wildcard)',
      'path "+/*" { capabilities = ["read"] }\npath "*" { capabilities = ["update"] }',
      'foo/bar/bar/baz',
    ],
    [
      'foo/+/* beats +/*',
      'path "+/*" { capabilities = ["read"] }\npath "foo/+/*" { capabilities = ["update"] }',
      'foo/bar/bar/baz',
    ],
    [
      'no glob beats glob at the same first wildcard',
      'path "foo/+/+/*" { capabilities = ["read"] }\npath "foo/+/bar/baz" { capabilities = ["update"] }',
      'foo/bar/bar/baz',
    ],
    [
      'fewer + segments win',
      'path "foo/+/+/baz" { capabilities = ["read"] }\npath "foo/+/bar/baz" { capabilities = ["update"] }',
      'foo/bar/bar/baz',
    ],
    [
      'later first wildcard wins over lexical order',
      'path "foo/+/(ar/baz" { capabilities = ["read"] }\npath "foo/(ar/+/baz" { capabilities = ["update"] }',
      'foo/(ar/(ar/baz',
    ],
    [
      'a glob loses to the same path without it',
      'path "foo/bar/+/baz*" { capabilities = ["read"] }\npath "foo/bar/+/baz" { capabilities = ["update"] }',
      'foo/bar/bar/baz',
    ],
    [
      'the longer glob wins',
      'path "foo/bar/+/b*" { capabilities = ["read"] }\npath "foo/bar/+/ba*" { capabilities = ["update"] }',
      'foo/bar/bar/baz',
    ],
    [
      'docs: secret/* beats secret/+/+/foo/*',
      'path "secret/+/+/foo/*" { capabilities = ["read"] }\npath "secret/*" { capabilities = ["update"] }',
      'secret/a/b/foo/c',
    ],
    [
      'secret/+/foo beats secret/*',
      'path "secret/*" { capabilities = ["read"] }\npath "secret/+/foo" { capabilities = ["update"] }',
      'secret/bar/foo',
    ],
    [
      'an exact path beats every glob',
      'path "secret/*" { capabilities = ["read"] }\npath "secret/+/foo" { capabilities = ["read"] }\npath "secret/bar/foo" { capabilities = ["update"] }',
      'secret/bar/foo',
    ],
    [
      'the longest prefix wins',
      'path "secret/*" { capabilities = ["read"] }\npath "secret/foo*" { capabilities = ["update"] }',
      'secret/foobar',
    ],
  ])('%s', (_name, text, path) => {
    const subject = acl(text);
    expect(subject.allowOperation('update', path).allowed).toBe(true);
    expect(subject.allowOperation('read', path).allowed).toBe(false);
  });

  test('docs examples for * and +', () => {
    const subject = acl(`
path "secret/foo" { capabilities = ["read"] }
path "secret/bar/*" { capabilities = ["read"] }
path "secret/zip-*" { capabilities = ["read"] }
path "secret/+/teamb" { capabilities = ["read"] }
path "secret/+/+/teamb" { capabilities = ["read"] }
`);
    const readable = (path: string) => subject.allowOperation('read', path).allowed;
    expect(
      ['secret/foo', 'secret/bar/zip', 'secret/bar/zip/zap', 'secret/zip-zap', 'secret/zip-zap/zong'].map(
        readable,
      ),
    ).toEqual([true, true, true, true, true]);
    expect(['secret/food', 'secret/foo/bar', 'secret/bars/zip', 'secret/zip/zap'].map(readable)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(
      ['secret/foo/teamb', 'secret/foo/bar/teamb', 'secret/teamb', 'secret/a/b/c/teamb'].map(readable),
    ).toEqual([true, true, false, false]);
  });
});

describe('merging across policies', () => {
  test('capabilities for the same path string are unioned', () => {
    const subject = acl(
      'path "secret/*" { capabilities = ["read"] }',
      'path "secret/*" { capabilities = ["list"] }',
    );
    expect(subject.capabilities('secret/a')).toEqual(['list', 'read']);
  });

  test('different path strings are not unioned: the best match alone decides', () => {
    const subject = acl(
      'path "secret/*" { capabilities = ["read", "list"] }',
      'path "secret/a" { capabilities = ["update"] }',
    );
    expect(subject.capabilities('secret/a')).toEqual(['update']);
    expect(subject.allowOperation('read', 'secret/a').allowed).toBe(false);
  });

  test('deny wins whichever policy holds it, in either order', () => {
    const grant = 'path "secret/a" { capabilities = ["read", "update", "sudo"] }';
    const deny = 'path "secret/a" { capabilities = ["deny"] }';
    for (const subject of [acl(grant, deny), acl(deny, grant)]) {
      expect(subject.capabilities('secret/a')).toEqual(['deny']);
      expect(subject.allowOperation('read', 'secret/a')).toEqual({
        allowed: false,
        rootPrivs: false,
        capabilities: ['deny'],
      });
    }
  });

  test('repeated blocks in one policy merge like blocks in separate policies', () => {
    expect(
      acl('path "a" { capabilities = ["read"] }\npath "a" { capabilities = ["list"] }').capabilities('a'),
    ).toEqual(['list', 'read']);
  });

  test('wrapping TTLs merge to the tighter bound (TestACL_PolicyMerge)', () => {
    const subject = acl(`
path "hello/universe" {
  policy = "write"
  max_wrapping_ttl = 300
  min_wrapping_ttl = 100
}
path "hello/universe" {
  policy = "write"
  max_wrapping_ttl = 200
  min_wrapping_ttl = 50
}`);
    expect(subject.wrappingTTLBounds('hello/universe')).toEqual({ min: 50, max: 200 });
    expect(subject.wrappingTTLBounds('elsewhere')).toEqual({ min: 0, max: 0 });
  });

  test.each<[string, Record<string, unknown>, boolean]>([
    // denied {baz} + {zip}, required [baz]
    ['foo/bar', { baz: 1 }, false],
    ['foo/bar', { other: 1 }, false],
    // allowed {test, test1: [foo]} + {*}
    ['allow/all', { anything: 1 }, true],
    ['allow/all', { test1: 'bar' }, false],
    // denied {test} + {*}
    ['deny/all', { anything: 1 }, false],
    // allowed test: [1, 2] + [3, 4]
    ['value/merge', { allowed: 4 }, false],
    ['value/empty', { empty: 7 }, false],
  ])('parameter maps merge: %s %j → %s', (path, data, allowed) => {
    const subject = acl(`
path "foo/bar" {
  policy = "write"
  denied_parameters = { "baz" = [] }
  required_parameters = ["baz"]
}
path "foo/bar" {
  policy = "write"
  denied_parameters = { "zip" = [] }
}
path "allow/all" {
  policy = "write"
  allowed_parameters = { "test" = [], "test1" = ["foo"] }
}
path "allow/all" {
  policy = "write"
  allowed_parameters = { "*" = [] }
}
path "deny/all" {
  policy = "write"
  denied_parameters = { "test" = [] }
}
path "deny/all" {
  policy = "write"
  denied_parameters = { "*" = [] }
}
path "value/merge" {
  policy = "write"
  allowed_parameters = { "allowed" = [1, 2] }
}
path "value/merge" {
  policy = "write"
  allowed_parameters = { "allowed" = [3] }
}
path "value/empty" {
  policy = "write"
  allowed_parameters = { "empty" = [] }
  denied_parameters = { "empty" = [1] }
}
path "value/empty" {
  policy = "write"
  allowed_parameters = { "empty" = [1] }
  denied_parameters = { "empty" = [] }
}`);
    expect(subject.allowOperation('update', path, data).allowed).toBe(allowed);
  });

  test('merged allowed values are the concatenation', () => {
    const subject = acl(
      'path "v" { capabilities = ["update"]\n allowed_parameters = { n = [1, 2] } }',
      'path "v" { capabilities = ["update"]\n allowed_parameters = { n = [3, 4] } }',
    );
    expect([1, 2, 3, 4, 5].map((n) => subject.allowOperation('update', 'v', { n }).allowed)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('root', () => {
  test('root may do anything, with sudo', () => {
    const root = ACL.root();
    expect(root.isRoot).toBe(true);
    expect(root.capabilities('any/path')).toEqual(['root']);
    expect(root.allowOperation('update', 'sys/mounts/foo', { x: 1 })).toEqual({
      allowed: true,
      rootPrivs: true,
      capabilities: ['root'],
    });
    expect(new ACL([rootPolicy()]).capabilities('x')).toEqual(['root']);
  });

  test('root cannot be combined with other policies', () => {
    expect(() => new ACL([rootPolicy(), parsePolicy('default', '')])).toThrow(
      'other policies present along with root',
    );
  });

  test('no policies: everything denied', () => {
    const none = new ACL([]);
    expect(none.isRoot).toBe(false);
    expect(none.capabilities('secret/a')).toEqual(['deny']);
    expect(none.allowOperation('read', 'secret/a').allowed).toBe(false);
    expect(none.allowOperation('help', 'secret/a').allowed).toBe(true);
  });
});

describe('operations', () => {
  test('each operation needs its own capability', () => {
    const subject = acl('path "a" { capabilities = ["read"] }');
    const ops: Operation[] = ['read', 'list', 'update', 'create', 'delete', 'patch'];
    expect(ops.map((op) => subject.allowOperation(op, 'a').allowed)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test('a list on "x/" also matches the exact rule "x" and the glob "x*"', () => {
    expect(
      acl('path "secret/meta" { capabilities = ["list"] }').allowOperation('list', 'secret/meta/').allowed,
    ).toBe(true);
    expect(
      acl('path "secret/meta*" { capabilities = ["list"] }').allowOperation('list', 'secret/meta/').allowed,
    ).toBe(true);
    expect(
      acl('path "secret/meta" { capabilities = ["read"] }').allowOperation('read', 'secret/meta/').allowed,
    ).toBe(false);
  });

  // Vault's order (OpenBao changed it): for "foo/private/" the glob for "foo/private" decides.
  test('a list checks the glob matching the path without its slash first', () => {
    const subject = acl(
      'path "foo/*" { capabilities = ["list"] }\npath "foo/private/*" { capabilities = ["deny"] }',
    );
    expect(subject.allowOperation('list', 'foo/').allowed).toBe(true);
    expect(subject.allowOperation('list', 'foo/private/').allowed).toBe(true);
    expect(subject.allowOperation('list', 'foo/private/x/').allowed).toBe(false);
  });

  test('without an existence check a create is checked as an update', () => {
    const subject = acl('path "a" { capabilities = ["update"] }');
    expect(subject.allowOperation('create', 'a').allowed).toBe(false);
    expect(subject.allowOperation('create', 'a', {}, { existenceKnown: false }).allowed).toBe(true);
    expect(
      acl('path "a" { capabilities = ["create"] }').allowOperation(
        'create',
        'a',
        {},
        { existenceKnown: false },
      ).allowed,
    ).toBe(false);
  });

  test('a rule with wrapping bounds requires a wrapped request within them', () => {
    const subject = acl(
      'path "w" { capabilities = ["read"]\n min_wrapping_ttl = "1m"\n max_wrapping_ttl = "1h" }',
    );
    expect(subject.wrappingTTLBounds('w')).toEqual({ min: 60, max: 3600 });
    expect(
      [undefined, 30, 60, 3600, 3601].map(
        (wrapTTL) => subject.allowOperation('read', 'w', {}, { wrapTTL }).allowed,
      ),
    ).toEqual([false, false, true, true, false]);
  });
});
