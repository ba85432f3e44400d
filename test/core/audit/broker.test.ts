import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AuditBroker } from '../../../src/core/audit/broker.js';
import type { AuditDevice } from '../../../src/core/audit/device.js';
import { createFileAuditDevice, type FileAuditDevice } from '../../../src/core/audit/file-device.js';
import { hashString } from '../../../src/core/audit/hash.js';
import { HvrError } from '../../../src/logical/errors.js';
import { kvInput, readLines, SALT, tempDir } from './fixtures.js';

function fileDevice(dir: string, name: string): { dev: FileAuditDevice; filePath: string } {
  const filePath = join(dir, name, 'audit.log');
  const dev = createFileAuditDevice({ path: `${name}/`, options: { file_path: filePath }, salt: SALT });
  return { dev, filePath };
}

/**
 * Makes a device's file unwritable the way an operator can break it: the log directory is
 * replaced by a regular file (root ignores permission bits, so chmod would not do), then
 * the device is told to reopen (SIGHUP), which fails and leaves it with nothing to write to.
 */
async function breakDevice(dev: FileAuditDevice, filePath: string): Promise<void> {
  const dir = join(filePath, '..');
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(dir, 'not a directory');
  await expect(dev.reopen()).rejects.toThrow(/ENOTDIR|EEXIST/);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('audit broker', () => {
  test('with no devices, logging is a no-op', async () => {
    const broker = new AuditBroker();
    expect(broker.hasDevices()).toBe(false);
    await expect(broker.logRequest(kvInput())).resolves.toBeUndefined();
    await expect(broker.logResponse(kvInput())).resolves.toBeUndefined();
  });

  test('every device gets every entry', async () => {
    const dir = tempDir();
    const a = fileDevice(dir, 'a');
    const b = fileDevice(dir, 'b');
    const broker = new AuditBroker();
    broker.register('a', a.dev);
    broker.register('b/', b.dev);
    expect(broker.paths()).toEqual(['a/', 'b/']);
    await broker.logRequest(kvInput());
    await broker.logResponse(kvInput({ data: { ok: 'yes' } }));
    for (const { filePath } of [a, b]) {
      expect(readLines(filePath).map((e) => e.type)).toEqual(['request', 'response']);
    }
  });

  test('when the only device cannot write, the request fails with 500 internal error', async () => {
    const dir = tempDir();
    const only = fileDevice(dir, 'only');
    const broker = new AuditBroker();
    broker.register('file/', only.dev);
    await broker.logRequest(kvInput());
    await breakDevice(only.dev, only.filePath);

    for (const [log, kind] of [
      [() => broker.logRequest(kvInput()), 'request'],
      [() => broker.logResponse(kvInput()), 'response'],
    ] as const) {
      const error = await caught(log());
      expect(error).toBeInstanceOf(HvrError);
      expect(error).toMatchObject({ code: 'HVR_AUDIT_FAILED', status: 500, message: 'internal error' });
      const cause = (error as Error).cause as Error;
      expect(cause.message).toBe(`no audit backend succeeded in logging the ${kind}`);
      const [failure] = (cause.cause as AggregateError).errors as Error[];
      expect(failure?.message).toMatch(
        /^audit device file\/: unable to write audit entry to ".*audit\.log": /,
      );
    }
  });

  test('one device that still writes is enough', async () => {
    const dir = tempDir();
    const broken = fileDevice(dir, 'broken');
    const good = fileDevice(dir, 'good');
    const broker = new AuditBroker();
    broker.register('broken/', broken.dev);
    broker.register('good/', good.dev);
    await breakDevice(broken.dev, broken.filePath);

    await broker.logRequest(kvInput());
    await broker.logResponse(kvInput());
    expect(readLines(good.filePath)).toHaveLength(2);
  });

  test.skipIf(!existsSync('/dev/full'))('a full disk (ENOSPC) fails the only device', async () => {
    const full = createFileAuditDevice({ path: 'full/', options: { file_path: '/dev/full' }, salt: SALT });
    const broker = new AuditBroker();
    broker.register('full/', full);
    const error = await caught(broker.logRequest(kvInput()));
    expect(error).toMatchObject({ code: 'HVR_AUDIT_FAILED', status: 500 });
    const aggregate = ((error as Error).cause as Error).cause as AggregateError;
    expect((aggregate.errors[0] as Error).message).toMatch(/ENOSPC/);
    await broker.closeAll();
    expect(broker.hasDevices()).toBe(false);
  });

  test('a device that rejects for any reason counts as failed', async () => {
    const failing: AuditDevice = {
      type: 'socket',
      options: {},
      salt: SALT,
      logRequest: () => Promise.reject(new Error('connection refused')),
      logResponse: () => Promise.reject(new Error('connection refused')),
      hash: (v) => hashString(SALT, v),
      reopen: async () => {},
      close: async () => {},
    };
    const broker = new AuditBroker();
    broker.register('socket', failing);
    const error = await caught(broker.logRequest(kvInput()));
    const aggregate = ((error as Error).cause as Error).cause as AggregateError;
    expect((aggregate.errors[0] as Error).message).toBe('audit device socket/: connection refused');
  });

  test('hash(path) uses that device salt; unknown paths are 400', () => {
    const dir = tempDir();
    const broker = new AuditBroker();
    broker.register('file', fileDevice(dir, 'file').dev);
    expect(broker.hash('file/', 'my-secret-vault')).toBe(hashString(SALT, 'my-secret-vault'));
    expect(() => broker.hash('nope', 'x')).toThrow(expect.objectContaining({ status: 400 }));
  });

  test('paths are unique; deregister closes the device', async () => {
    const dir = tempDir();
    const { dev, filePath } = fileDevice(dir, 'file');
    const broker = new AuditBroker();
    broker.register('file', dev);
    expect(() => broker.register('file/', dev)).toThrow(/already in use/);
    expect(await broker.deregister('file')).toBe(true);
    expect(await broker.deregister('file')).toBe(false);
    expect(broker.hasDevices()).toBe(false);
    renameSync(filePath, `${filePath}.old`);
    await expect(dev.logRequest(kvInput())).rejects.toThrow(/closed/);
  });
});
