import { describe, expect, test } from 'vitest';
import { DEFAULT_LOCKOUT, UserLockout } from '../../src/core/user-lockout.js';

/** request_handling.go isUserLocked: threshold 5, locked 15 minutes, counter reset 15 minutes. */
describe('UserLockout with Vault defaults', () => {
  test('locks at the fifth failure, unlocks once the lockout duration has passed', () => {
    let now = 1_000_000;
    const lockout = new UserLockout(DEFAULT_LOCKOUT, () => now);
    for (let i = 0; i < 4; i++) lockout.failed('acc/alice');
    expect(lockout.isLocked('acc/alice')).toBe(false);
    lockout.failed('acc/alice');
    expect(lockout.isLocked('acc/alice')).toBe(true);
    expect(lockout.isLocked('acc/bob')).toBe(false);
    now += 15 * 60_000 - 1;
    expect(lockout.isLocked('acc/alice')).toBe(true);
    now += 1;
    expect(lockout.isLocked('acc/alice')).toBe(false);
    lockout.failed('acc/alice');
    expect(lockout.isLocked('acc/alice')).toBe(false);
  });

  test('failures older than the counter reset are forgotten; a success forgets them too', () => {
    let now = 0;
    const lockout = new UserLockout(DEFAULT_LOCKOUT, () => now);
    for (let i = 0; i < 4; i++) lockout.failed('k');
    now += 15 * 60_000;
    expect(lockout.isLocked('k')).toBe(false);
    lockout.failed('k');
    expect(lockout.isLocked('k')).toBe(false);
    for (let i = 0; i < 3; i++) lockout.failed('k');
    lockout.succeeded('k');
    lockout.failed('k');
    expect(lockout.isLocked('k')).toBe(false);
  });
});
