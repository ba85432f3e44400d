import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { auditData, hashString } from '../../../src/core/audit/hash.js';

const hmac = (salt: string, value: string) =>
  `hmac-sha256:${createHmac('sha256', Buffer.from(salt, 'utf8')).update(Buffer.from(value, 'utf8')).digest('hex')}`;

describe('hashString', () => {
  test("matches Vault's own test vectors (salt 'foo')", () => {
    // hashicorp/vault audit/hashstructure_test.go
    expect(hashString('foo', 'foo')).toBe(
      'hmac-sha256:08ba357e274f528065766c770a639abf6809b39ccfd37c2a3157c7f51954da0a',
    );
    expect(hashString('foo', 'bar')).toBe(
      'hmac-sha256:f9320baf0249169e73850cd6156ded0106e2bb6ad8cab01b7bbbebe6d1065317',
    );
  });

  test('is HMAC-SHA256 keyed by the salt, hex, identified', () => {
    const salt = '0b9e8e3c-6d2a-4f5e-9a51-2f1c7c1f8f00';
    for (const value of ['', 's.abc', 'ünïcødé ✓', 'a'.repeat(1000)]) {
      expect(hashString(salt, value)).toBe(hmac(salt, value));
    }
    expect(hashString('salt-a', 'v')).not.toBe(hashString('salt-b', 'v'));
  });
});

describe('auditData', () => {
  const hash = (v: string) => `H(${v})`;

  test('hashes every string leaf in maps and lists, and nothing else', () => {
    const data = {
      password: 'hunter2',
      ttl: 3600,
      renewable: true,
      nothing: null,
      nested: { user: 'alice', list: ['a', 1, { deep: 'x' }], inner: [['y']] },
    };
    expect(auditData(data, { hash })).toEqual({
      nested: { inner: [['H(y)']], list: ['H(a)', 1, { deep: 'H(x)' }], user: 'H(alice)' },
      nothing: null,
      password: 'H(hunter2)',
      renewable: true,
      ttl: 3600,
    });
  });

  test('leaves map keys clear and sorts them as Go does', () => {
    const out = auditData({ zeta: 'z', alpha: { 'secret-key': 'v' }, mid: 'm' }, { hash });
    expect(Object.keys(out)).toEqual(['alpha', 'mid', 'zeta']);
    expect(out.alpha).toEqual({ 'secret-key': 'H(v)' });
  });

  test('keeps non-HMAC keys clear by their innermost map key', () => {
    const out = auditData(
      { format: 'pem', names: ['a', 'b'], nested: { format: 'der', other: 'o' } },
      { hash, nonHmacKeys: ['format', 'names'] },
    );
    expect(out).toEqual({ format: 'pem', names: ['a', 'b'], nested: { format: 'der', other: 'H(o)' } });
  });

  test('turns dates into RFC3339Nano strings and bytes into base64, unhashed', () => {
    const out = auditData(
      { when: new Date('2024-05-06T07:08:09.120Z'), raw: new Uint8Array([1, 2, 3]) },
      { hash },
    );
    expect(out).toEqual({ raw: 'AQID', when: '2024-05-06T07:08:09.12Z' });
  });

  test('without a hasher (log_raw) copies deeply and leaves the input untouched', () => {
    const input = { a: { b: ['c'] } };
    const out = auditData(input, {});
    expect(out).toEqual(input);
    expect(out.a).not.toBe(input.a);
  });
});
