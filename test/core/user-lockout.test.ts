import { describe, expect, test } from 'vitest';
import type { MountEntry } from '../../src/core/mount-entry.js';
import { createView } from '../../src/core/storage-view.js';
import { DEFAULT_LOCKOUT, type LockoutSubject, UserLockout } from '../../src/core/user-lockout.js';
import { MemoryBackend } from '../../src/storage/memory.js';

const mount = (type: string, userLockout?: MountEntry['config']['userLockout']): MountEntry => ({
  table: 'auth',
  path: `${type}/`,
  type,
  description: '',
  uuid: 'u',
  accessor: `auth_${type}_1`,
  local: false,
  sealWrap: false,
  config: {
    defaultLeaseTTL: 0,
    maxLeaseTTL: 0,
    forceNoCache: false,
    ...(userLockout ? { userLockout } : {}),
  },
  options: {},
});

const subject = (alias: string): LockoutSubject => ({ accessor: 'acc', alias, settings: DEFAULT_LOCKOUT });

/** request_handling.go isUserLocked: threshold 5, locked 15 minutes, counter reset 15 minutes. */
describe('UserLockout with Vault defaults', () => {
  test('locks at the fifth failure, unlocks once the lockout duration has passed', async () => {
    let now = 1_000_000_000;
    const lockout = new UserLockout(createView(new MemoryBackend()), () => now);
    for (let i = 0; i < 4; i++) await lockout.failed(subject('alice'));
    expect(await lockout.isLocked(subject('alice'))).toBe(false);
    await lockout.failed(subject('alice'));
    expect(await lockout.isLocked(subject('alice'))).toBe(true);
    expect(await lockout.isLocked(subject('bob'))).toBe(false);
    now += 15 * 60_000 - 1000;
    expect(await lockout.isLocked(subject('alice'))).toBe(true);
    now += 1000;
    expect(await lockout.isLocked(subject('alice'))).toBe(false);
    await lockout.failed(subject('alice'));
    expect(await lockout.isLocked(subject('alice'))).toBe(false);
  });

  test('failures older than the counter reset are forgotten; a success forgets them too', async () => {
    let now = 0;
    const lockout = new UserLockout(createView(new MemoryBackend()), () => now);
    const k = subject('k');
    for (let i = 0; i < 4; i++) await lockout.failed(k);
    now += 15 * 60_000;
    expect(await lockout.isLocked(k)).toBe(false);
    await lockout.failed(k);
    expect(await lockout.isLocked(k)).toBe(false);
    for (let i = 0; i < 3; i++) await lockout.failed(k);
    await lockout.succeeded(k);
    await lockout.failed(k);
    expect(await lockout.isLocked(k)).toBe(false);
  });

  test('getUserLockoutConfiguration: defaults < "all" stanza < type stanza < mount tune', () => {
    const lockout = new UserLockout(createView(new MemoryBackend()));
    lockout.configure({ all: { threshold: 10, duration: 60_000 }, userpass: { threshold: 3 } });
    expect(lockout.settingsFor(mount('userpass'))).toEqual({
      ...DEFAULT_LOCKOUT,
      threshold: 3,
      duration: 60_000,
    });
    expect(lockout.settingsFor(mount('approle'))).toEqual({
      ...DEFAULT_LOCKOUT,
      threshold: 10,
      duration: 60_000,
    });
    expect(lockout.settingsFor(mount('userpass', { threshold: 7, counterReset: 5 }))).toEqual({
      ...DEFAULT_LOCKOUT,
      threshold: 7,
      duration: 60_000,
      counterReset: 5000,
    });
    expect(lockout.subject(mount('userpass', { disable: true }), 'x')).toBeUndefined();
    expect(lockout.subject(mount('jwt'), 'x')).toBeUndefined();
  });
});
