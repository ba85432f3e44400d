import { describe, expect, test } from 'vitest';
import { approleBackend } from '../../src/backends/approle/approle.js';
import { backendHarness, failure } from '../helpers/backend-harness.js';

const newAppRole = () => backendHarness(approleBackend);

describe('approle roles', () => {
  test('a new role reads as Vault shows it', async () => {
    const ar = newAppRole();
    expect(await ar.writeOperation('role/ci')).toBe('create');
    await ar.call('update', 'role/ci', { token_policies: 'a,b', token_ttl: '20m', secret_id_ttl: '10m' });
    expect(await ar.writeOperation('role/CI')).toBe('update');
    expect((await ar.call('read', 'role/ci'))?.data).toEqual({
      bind_secret_id: true,
      local_secret_ids: false,
      secret_id_bound_cidrs: null,
      secret_id_num_uses: 0,
      secret_id_ttl: 600,
      token_bound_cidrs: [],
      token_explicit_max_ttl: 0,
      token_max_ttl: 0,
      token_no_default_policy: false,
      token_num_uses: 0,
      token_period: 0,
      token_policies: ['a', 'b'],
      token_ttl: 1200,
      token_type: 'default',
    });
    expect(await ar.call('list', 'role/')).toEqual({ data: { keys: ['ci'] } });
  });

  test('one-field sub-paths read, update and reset their field', async () => {
    const ar = newAppRole();
    await ar.call('update', 'role/ci', {});
    await ar.call('update', 'role/ci/token-ttl', { token_ttl: '5m' });
    expect((await ar.call('read', 'role/ci/token-ttl'))?.data).toEqual({ token_ttl: 300 });
    await ar.call('update', 'role/ci/secret-id-num-uses', { secret_id_num_uses: 3 });
    expect((await ar.call('read', 'role/ci'))?.data).toMatchObject({ token_ttl: 300, secret_id_num_uses: 3 });
    await ar.call('delete', 'role/ci/token-ttl');
    expect((await ar.call('read', 'role/ci/token-ttl'))?.data).toEqual({ token_ttl: 0 });
    expect((await failure(ar.call('update', 'role/ci/token-ttl', {}))).message).toBe('missing token_ttl');
    expect((await failure(ar.call('update', 'role/nope/token-ttl', { token_ttl: 1 }))).status).toBe(404);
  });

  test('role ids are unique; local_secret_ids only at creation; some constraint is required', async () => {
    const ar = newAppRole();
    await ar.call('update', 'role/a', { role_id: 'same' });
    const taken = await failure(ar.call('update', 'role/b', { role_id: 'same' }));
    expect([taken.status, taken.message]).toEqual([500, '1 error occurred:\n\t* role_id already in use\n\n']);
    const local = await failure(ar.call('update', 'role/a', { local_secret_ids: true }));
    expect(local.message).toBe('local_secret_ids can only be modified during role creation');
    const loose = await failure(ar.call('update', 'role/c', { bind_secret_id: false }));
    expect(loose.message).toBe(
      '1 error occurred:\n\t* at least one constraint should be enabled on the role\n\n',
    );
    expect(await ar.call('read', 'role/c')).toBeNull();
  });

  test('secret ids are stored only as HMACs; num_uses and ttl stay within the role’s limits', async () => {
    const ar = newAppRole();
    await ar.call('update', 'role/ci', { secret_id_num_uses: 2, secret_id_ttl: '1h' });
    const made = await ar.call('update', 'role/ci/custom-secret-id', { secret_id: 'plain-secret' });
    expect(made?.data).toMatchObject({
      secret_id: 'plain-secret',
      secret_id_num_uses: 2,
      secret_id_ttl: 3600,
    });
    for (const key of await ar.storage.scan('')) {
      const raw = new TextDecoder().decode((await ar.storage.get(key)) ?? new Uint8Array());
      expect(raw).not.toContain('plain-secret');
    }
    const tooMany = await failure(ar.call('update', 'role/ci/secret-id', { num_uses: 5 }));
    expect(tooMany.message).toBe("num_uses cannot be higher than the role's secret_id_num_uses");
    const tooLong = await failure(ar.call('update', 'role/ci/secret-id', { ttl: '2h' }));
    expect(tooLong.message).toBe("ttl cannot be longer than the role's secret_id_ttl");
  });
});
