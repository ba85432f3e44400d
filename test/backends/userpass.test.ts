import { describe, expect, test } from 'vitest';
import { userpassBackend } from '../../src/backends/userpass/userpass.js';
import { backendHarness, failure } from '../helpers/backend-harness.js';

const newUserpass = () => backendHarness(userpassBackend);

describe('userpass users', () => {
  test('create, read (Vault’s token fields), list, delete', async () => {
    const up = newUserpass();
    expect(await up.writeOperation('users/alice')).toBe('create');
    await up.call('update', 'users/alice', {
      password: 's3cret',
      token_policies: 'dev,ops',
      token_ttl: '1h',
    });
    expect(await up.writeOperation('users/alice')).toBe('update');
    expect(await up.call('read', 'users/alice')).toEqual({
      data: {
        token_bound_cidrs: [],
        token_explicit_max_ttl: 0,
        token_max_ttl: 0,
        token_no_default_policy: false,
        token_num_uses: 0,
        token_period: 0,
        token_policies: ['dev', 'ops'],
        token_ttl: 3600,
        token_type: 'default',
      },
    });
    await up.call('update', 'users/bob', { password: 'x' });
    expect(await up.call('list', 'users/')).toEqual({ data: { keys: ['alice', 'bob'] } });
    await up.call('delete', 'users/bob');
    expect(await up.call('read', 'users/bob')).toBeNull();
  });

  test('usernames are case-insensitive and the password is never stored in clear', async () => {
    const up = newUserpass();
    await up.call('update', 'users/Alice', { password: 'hunter2' });
    expect(await up.call('read', 'users/ALICE')).not.toBeNull();
    expect(await up.call('list', 'users')).toEqual({ data: { keys: ['alice'] } });
    const raw = new TextDecoder().decode((await up.storage.get('user/alice')) ?? new Uint8Array());
    expect(raw).not.toContain('hunter2');
    expect(raw).toContain('scrypt');
  });

  test('legacy policies/ttl are parsed, mirrored and echoed', async () => {
    const up = newUserpass();
    await up.call('update', 'users/carol', { password: 'p', policies: 'B, a,a', ttl: 60 });
    expect((await up.call('read', 'users/carol'))?.data).toMatchObject({
      policies: ['a', 'b'],
      token_policies: ['a', 'b'],
      ttl: 60,
      token_ttl: 60,
    });
    await up.call('update', 'users/carol', { token_policies: 'c' });
    const data = (await up.call('read', 'users/carol'))?.data ?? {};
    expect(data.token_policies).toEqual(['c']);
    expect(data.policies).toBeUndefined();
  });

  test('create needs a password; bad token fields use Vault messages', async () => {
    const up = newUserpass();
    expect(await failure(up.call('update', 'users/dave', {}))).toMatchObject({
      status: 400,
      message: 'missing password',
    });
    await up.call('update', 'users/dave', { password: 'p' });
    expect(await failure(up.call('update', 'users/dave', { password: '' }))).toMatchObject({
      message: 'missing password',
    });
    expect(await failure(up.call('update', 'users/dave', { token_type: 'weird' }))).toMatchObject({
      status: 400,
      message: `invalid 'token_type' value "weird"`,
    });
    expect(
      await failure(up.call('update', 'users/dave', { token_ttl: '2h', token_max_ttl: '1h' })),
    ).toMatchObject({
      message: "'token_ttl' cannot be greater than 'token_max_ttl'",
    });
    expect(
      await failure(up.call('update', 'users/dave', { token_type: 'batch', token_num_uses: 3 })),
    ).toMatchObject({
      message:
        "'token_type' cannot be 'batch' or 'default_batch' when set to generate tokens with limited use count",
    });
    // parseutil.ParseAddrs wrapping go-sockaddr's error, for the new and the legacy field alike.
    for (const field of ['token_bound_cidrs', 'bound_cidrs']) {
      expect(
        await failure(up.call('update', 'users/dave', { password: 'x', [field]: '10.0.0.0/8,nope' })),
      ).toMatchObject({
        status: 400,
        message:
          'error parsing address "nope": Unable to convert "nope" to an IPv4 or IPv6 address, or a UNIX Socket',
      });
    }
  });

  test('password and policies sub-paths update an existing user only', async () => {
    const up = newUserpass();
    expect(await failure(up.call('update', 'users/nobody/password', { password: 'x' }))).toMatchObject({
      status: 500,
      message: '1 error occurred:\n\t* username does not exist\n\n',
    });
    await up.call('update', 'users/erin', { password: 'old' });
    await up.call('update', 'users/erin/password', { password: 'new' });
    expect(await failure(up.call('update', 'login/erin', { password: 'old' }))).toMatchObject({
      status: 400,
    });
    expect((await up.call('update', 'login/erin', { password: 'new' }))?.login).toBeDefined();
    await up.call('update', 'users/erin/policies', { token_policies: 'Admin,dev' });
    expect((await up.call('read', 'users/erin'))?.data?.token_policies).toEqual(['admin', 'dev']);
  });
});

describe('userpass login', () => {
  test('is unauthenticated and returns a LoginAuth', async () => {
    expect(userpassBackend.unauthenticatedPaths).toEqual(['login', 'login/*']);
    expect(userpassBackend.paths.find((p) => p.pattern === 'login/:username')?.auth).toBe('none');
    const up = newUserpass();
    await up.call('update', 'users/frank', {
      password: 'pw',
      token_policies: 'dev',
      token_ttl: '1h',
      token_max_ttl: '2h',
      token_type: 'service',
    });
    expect(await up.call('update', 'login/Frank', { password: 'pw' }, { token: null })).toEqual({
      login: {
        policies: ['dev'],
        displayName: 'frank',
        metadata: { username: 'frank' },
        ttl: 3600,
        maxTTL: 7200,
        explicitMaxTTL: 0,
        period: 0,
        noDefaultPolicy: false,
        boundCIDRs: [],
        renewable: true,
        numUses: 0,
        tokenType: 'service',
        internalData: { username: 'frank' },
      },
    });
  });

  test('wrong password and unknown user give the same 400; no password is a 500', async () => {
    const up = newUserpass();
    await up.call('update', 'users/gina', { password: 'right' });
    const wrong = await failure(up.call('update', 'login/gina', { password: 'wrong' }));
    const unknown = await failure(up.call('update', 'login/nobody', { password: 'x' }));
    expect(wrong).toMatchObject({ status: 400, message: 'invalid username or password' });
    // Same answer to the client; only a known user's wrong password counts toward lockout
    // (path_login.go returns logical.ErrInvalidCredentials for it alone).
    expect(unknown).toMatchObject({ status: 400, message: 'invalid username or password' });
    expect(wrong).toMatchObject({ code: 'HVR_INVALID_CREDENTIALS' });
    expect(unknown).toMatchObject({ code: 'HVR_BAD_REQUEST' });
    expect(await failure(up.call('update', 'login/gina', {}))).toMatchObject({
      status: 500,
      message: 'missing password',
    });
  });
});
