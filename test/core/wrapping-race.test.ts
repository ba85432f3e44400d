import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dataDirLayout, ensureDataDir } from '../../src/client/data-dir.js';
import { openNode } from '../../src/client/embedded-node.js';
import type { Core } from '../../src/core/core.js';
import { HvrError } from '../../src/logical/errors.js';

/**
 * Spending a wrapping token is one compare-and-set transaction (WrappingService.claim →
 * TokenStore.use), so of two callers racing on one token exactly one gets the response.
 * Two Cores over one SQLite file stand in for two processes sharing a data directory;
 * Promise.allSettled interleaves their awaits, so without the claim both would read the
 * response before either revokes the token — every time, not by luck of scheduling.
 */
describe('racing unwrap/rewrap of one wrapping token', () => {
  let home: string;
  let a: Core;
  let b: Core;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'hvr-wrap-race-'));
    const layout = dataDirLayout({ home, cluster: 'race' });
    await ensureDataDir(layout);
    a = (await openNode(layout)).core;
    // The second open finds the committed keys and opens its own SqliteBackend connection.
    const second = await openNode(layout);
    expect(second.created).toBe(false);
    b = second.core;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await rm(home, { recursive: true, force: true });
  });

  let serial = 0;
  const wrapOn = async (core: Core) => {
    const envelope = JSON.stringify({ data: { n: ++serial } });
    const { info } = await core.wrapping.wrap(envelope, { ttl: 300, path: 'sys/wrapping/wrap' });
    return { token: info.token, envelope };
  };

  /** Exactly one settled result is fulfilled; the other is Vault's invalid-token error. */
  const oneWinner = <T>(results: PromiseSettledResult<T>[]): T => {
    const won = results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won, `${won.length} of ${results.length} callers got the response`).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const error = lost[0]?.reason as unknown;
    expect(error).toBeInstanceOf(HvrError);
    expect((error as HvrError).code).toBe('HVR_INVALID_WRAPPING_TOKEN');
    expect((error as HvrError).message).toBe('wrapping token is not valid or does not exist');
    return (won[0] as PromiseFulfilledResult<T>).value;
  };

  test('two cores on one SQLite file: one unwrap wins, whichever starts first', async () => {
    for (const [first, second] of [
      [a, b],
      [b, a],
    ] as const) {
      const { token, envelope } = await wrapOn(a);
      const results = await Promise.allSettled([first.wrapping.unwrap(token), second.wrapping.unwrap(token)]);
      expect(oneWinner(results)).toBe(envelope);
      await expect(b.wrapping.unwrap(token)).rejects.toThrow('wrapping token is not valid or does not exist');
    }
  });

  test('two cores on one SQLite file: one rewrap wins and its new token holds the response', async () => {
    for (const [first, second] of [
      [a, b],
      [b, a],
    ] as const) {
      const { token, envelope } = await wrapOn(b);
      const results = await Promise.allSettled([first.wrapping.rewrap(token), second.wrapping.rewrap(token)]);
      const rewrapped = oneWinner(results);
      expect(rewrapped.token).not.toBe(token);
      expect(await a.wrapping.unwrap(rewrapped.token)).toBe(envelope);
    }
  });

  test('two cores on one SQLite file: unwrap raced against rewrap, one wins', async () => {
    const { token } = await wrapOn(a);
    const results = await Promise.allSettled([
      a.wrapping.unwrap(token).then(() => 'unwrap'),
      b.wrapping.rewrap(token).then(() => 'rewrap'),
    ]);
    expect(['unwrap', 'rewrap']).toContain(oneWinner(results));
  });

  test('one core: two concurrent unwraps, one wins', async () => {
    const { token, envelope } = await wrapOn(a);
    const results = await Promise.allSettled([a.wrapping.unwrap(token), a.wrapping.unwrap(token)]);
    expect(oneWinner(results)).toBe(envelope);
  });
});
