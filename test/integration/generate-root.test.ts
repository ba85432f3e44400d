import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeToken } from '../../src/core/generate-root.js';
import { api, dataOf } from '../helpers/api.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';

describe('sys/generate-root with a 3-share, threshold-2 seal', () => {
  let dir: string;
  let server: ServerProcess;
  let keys: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hvr-genroot-'));
    const config = join(dir, 'hvr.hcl');
    await writeFile(
      config,
      'storage "inmem" {}\nlistener "tcp" {\n  address = "127.0.0.1:0"\n  tls_disable = true\n}\n',
    );
    server = await startServerProcess(['-config', config]);
    const init = await api(server.address, 'sys/init', { body: { secret_shares: 3, secret_threshold: 2 } });
    keys = init.json?.keys as string[];
    await api(server.address, 'sys/unseal', { body: { key: keys[0] } });
    await api(server.address, 'sys/unseal', { body: { key: keys[1] } });
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('generated OTP, two shares, decoded token is a working root token', async () => {
    const start = await api(server.address, 'sys/generate-root/attempt', { body: {} });
    expect(start.status).toBe(200);
    expect(start.json).toMatchObject({
      started: true,
      progress: 0,
      required: 2,
      complete: false,
      otp_length: 28,
    });
    const otp = String(start.json?.otp);
    const nonce = String(start.json?.nonce);
    expect(otp).toHaveLength(28);
    const status = await api(server.address, 'sys/generate-root/attempt');
    expect(status.json).toMatchObject({ started: true, nonce, otp: '' });

    const wrongNonce = await api(server.address, 'sys/generate-root/update', {
      body: { key: keys[0], nonce: 'nope' },
    });
    expect(wrongNonce.status).toBe(400);
    expect(wrongNonce.json).toEqual({
      errors: [`incorrect nonce supplied; nonce for this root generation operation is "${nonce}"`],
    });
    const first = await api(server.address, 'sys/generate-root/update', { body: { key: keys[0], nonce } });
    expect(first.json).toMatchObject({ progress: 1, complete: false });
    const repeated = await api(server.address, 'sys/generate-root/update', { body: { key: keys[0], nonce } });
    expect(repeated.json).toEqual({
      errors: ['given key has already been provided during this generation operation'],
    });
    const done = await api(server.address, 'sys/generate-root/update', { body: { key: keys[2], nonce } });
    expect(done.json).toMatchObject({ complete: true, progress: 2 });
    const token = decodeToken(String(done.json?.encoded_token), otp);
    expect(token).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    const self = await api(server.address, 'auth/token/lookup-self', { token });
    expect(dataOf(self).policies).toEqual(['root']);
    const after = await api(server.address, 'sys/generate-root/attempt');
    expect(after.json).toMatchObject({ started: false });
  });

  test('bad inputs: wrong-length OTP, no attempt, a second attempt, shares of another cluster', async () => {
    const short = await api(server.address, 'sys/generate-root/attempt', { body: { otp: 'tooshort' } });
    expect(short.json).toEqual({ errors: ['OTP string is wrong length'] });
    const none = await api(server.address, 'sys/generate-root/update', {
      body: { key: keys[0], nonce: 'x' },
    });
    expect(none.json).toEqual({ errors: ['no root generation in progress'] });
    const started = await api(server.address, 'sys/generate-root/attempt', { body: {} });
    const again = await api(server.address, 'sys/generate-root/attempt', { body: {} });
    expect(again.json).toEqual({ errors: ['root generation already in progress'] });
    const nonce = String(started.json?.nonce);
    const foreign = 'a'.repeat(66);
    await api(server.address, 'sys/generate-root/update', { body: { key: foreign, nonce } });
    const aborted = await api(server.address, 'sys/generate-root/update', {
      body: { key: 'b'.repeat(66), nonce },
    });
    expect(aborted.status).toBe(400);
    expect(String((aborted.json?.errors as string[] | undefined)?.[0])).toMatch(/^root generation aborted/);
    const cancelled = await api(server.address, 'sys/generate-root/attempt', { method: 'DELETE' });
    expect(cancelled.status).toBe(204);
  });
});
