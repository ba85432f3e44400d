import { describe, expect, test } from 'vitest';
import { ACL } from '../../../src/core/policy/acl.js';
import {
  CONTROL_GROUP_POLICY_TEXT,
  DEFAULT_POLICY,
  isHiddenPolicy,
  isImmutablePolicy,
  isUndeletablePolicy,
  RESPONSE_WRAPPING_POLICY_TEXT,
  rootPolicy,
} from '../../../src/core/policy/builtin.js';
import { parsePolicy } from '../../../src/core/policy/policy.js';

const defaultAcl = () => new ACL([parsePolicy('default', DEFAULT_POLICY)]);

describe('default policy', () => {
  test('is Vault text: leading newline, OIDC stanza last', () => {
    expect(DEFAULT_POLICY.startsWith('\n# Allow tokens to look up their own properties\n')).toBe(true);
    expect(
      DEFAULT_POLICY.endsWith(
        'path "identity/oidc/provider/+/authorize" {\n\tcapabilities = ["read", "update"]\n}\n',
      ),
    ).toBe(true);
    expect(parsePolicy('default', DEFAULT_POLICY).paths).toHaveLength(18);
  });

  test.each([
    ['auth/token/lookup-self', ['read']],
    ['auth/token/renew-self', ['update']],
    ['auth/token/revoke-self', ['update']],
    ['sys/capabilities-self', ['update']],
    ['sys/internal/ui/resultant-acl', ['read']],
    ['sys/renew', ['update']],
    ['sys/leases/renew', ['update']],
    ['sys/leases/lookup', ['update']],
    ['cubbyhole/my-secret', ['create', 'delete', 'list', 'read', 'update']],
    ['cubbyhole/', ['create', 'delete', 'list', 'read', 'update']],
    ['sys/wrapping/wrap', ['update']],
    ['sys/wrapping/lookup', ['update']],
    ['sys/wrapping/unwrap', ['update']],
    ['sys/tools/hash', ['update']],
    ['sys/tools/hash/sha2-512', ['update']],
    ['sys/control-group/request', ['update']],
    ['identity/oidc/provider/default/authorize', ['read', 'update']],
    ['secret/foo', ['deny']],
    ['sys/policies/acl/default', ['deny']],
    ['auth/token/create', ['deny']],
    ['sys/tools/random', ['deny']],
  ])('capabilities on %s', (path, capabilities) => {
    expect(defaultAcl().capabilities(path)).toEqual(capabilities);
  });

  test('grants lookup-self reads and cubbyhole writes, not sudo', () => {
    const acl = defaultAcl();
    expect(acl.allowOperation('read', 'auth/token/lookup-self')).toEqual({
      allowed: true,
      rootPrivs: false,
      capabilities: ['read'],
    });
    expect(acl.allowOperation('create', 'cubbyhole/x', { a: 1 }).allowed).toBe(true);
    expect(acl.allowOperation('list', 'cubbyhole/').allowed).toBe(true);
    expect(acl.allowOperation('update', 'auth/token/lookup-self').allowed).toBe(false);
  });

  test('templated identity paths are skipped (no entity to fill them in)', () => {
    expect(defaultAcl().capabilities('identity/entity/id/{{identity.entity.id}}')).toEqual(['deny']);
  });
});

describe('response-wrapping and control-group policies', () => {
  test('response-wrapping allows reading the response and unwrapping only', () => {
    const acl = new ACL([parsePolicy('response-wrapping', RESPONSE_WRAPPING_POLICY_TEXT)]);
    expect(acl.capabilities('cubbyhole/response')).toEqual(['create', 'read']);
    expect(acl.capabilities('sys/wrapping/unwrap')).toEqual(['update']);
    expect(acl.capabilities('cubbyhole/other')).toEqual(['deny']);
  });

  test('control-group allows its cubbyhole entry', () => {
    const acl = new ACL([parsePolicy('control-group', CONTROL_GROUP_POLICY_TEXT)]);
    expect(acl.capabilities('cubbyhole/control-group')).toEqual(['create', 'read', 'update']);
  });
});

describe('policy name rules', () => {
  test.each([
    ['root', true, false, true],
    ['response-wrapping', true, true, true],
    ['control-group', true, true, true],
    ['default', false, false, true],
    ['dev', false, false, false],
  ])('%s: immutable %s, hidden %s, undeletable %s', (name, immutable, hidden, undeletable) => {
    expect(isImmutablePolicy(name)).toBe(immutable);
    expect(isHiddenPolicy(name)).toBe(hidden);
    expect(isUndeletablePolicy(name)).toBe(undeletable);
  });

  test('root has no text and no paths', () => {
    expect(rootPolicy()).toEqual({ name: 'root', raw: '', paths: [] });
  });
});
