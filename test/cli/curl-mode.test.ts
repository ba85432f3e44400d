import { afterEach, describe, expect, test } from 'vitest';
import { curlMode, wantsCurlString } from '../../src/cli/commands/misc/curl-mode.js';
import { CurlStringReady, withoutCurlString } from '../../src/cli/commands/misc/curl-recorder.js';
import type { Client, WireRequest, WireResponse } from '../../src/client/client.js';
import { HttpClient } from '../../src/client/http.js';
import { logical } from '../../src/client/logical.js';
import { fakeStreams } from './output/fake-streams.js';

const clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const http = () => {
  const client = new HttpClient({ address: 'http://127.0.0.1:8200', token: 'hvs.secret' });
  clients.push(client);
  return client;
};

describe('-output-curl-string', () => {
  test('is spotted anywhere before --, in its bare forms only (Vault’s isGlobalFlag)', () => {
    expect(wantsCurlString(['write', '-output-curl-string', 'secret/x', 'a=b'])).toBe(true);
    expect(wantsCurlString(['read', 'secret/x', '--output-curl-string'])).toBe(true);
    expect(wantsCurlString(['read', '--', '-output-curl-string'])).toBe(false);
    expect(wantsCurlString(['read', '-output-curl-string=true'])).toBe(false);
    expect(wantsCurlString(['read', 'secret/x'])).toBe(false);
  });

  test('the first request is recorded, not sent; the program prints it and exits 0', async () => {
    const streams = fakeStreams();
    const mode = curlMode(streams);
    const client = mode.wrap(http());
    const error = await logical(client)
      .write('secret/data/app', { data: { a: 'b' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CurlStringReady);
    mode.streams.stderr.write('Error writing data to secret/data/app: …\n');
    expect(mode.finish(2)).toBe(0);
    expect(streams.out()).toBe(
      `curl -X PUT -H "X-Vault-Request: true" -H "X-Vault-Token: $(vault print token)" -d '{"data":{"a":"b"}}' "http://127.0.0.1:8200/v1/secret/data/app"\n`,
    );
    expect(streams.err()).toBe('');
  });

  test('a command that succeeded without a request: "Could not generate cURL command", exit 1', () => {
    const streams = fakeStreams();
    const mode = curlMode(streams);
    mode.wrap(http());
    expect(mode.finish(0)).toBe(1);
    expect(streams.err()).toBe('Could not generate cURL command');
    expect(streams.out()).toBe('');
  });

  test('a command that failed before any request: its held-back stderr, then Vault’s line', () => {
    const streams = fakeStreams();
    const mode = curlMode(streams);
    mode.streams.stderr.write('Not enough arguments (expected 1, got 0)\n');
    expect(mode.finish(1)).toBe(1);
    expect(streams.err()).toBe(
      'Not enough arguments (expected 1, got 0)\nUnable to generate cURL string from command\n',
    );
  });

  test('withoutCurlString reaches the real client (operator init reads the seal type first)', async () => {
    const sent: WireRequest[] = [];
    const inner: Client & { toCurlString(req: WireRequest): string } = {
      address: 'http://127.0.0.1:8200',
      token: undefined,
      send: async (req): Promise<WireResponse> => {
        sent.push(req);
        return { status: 200, headers: {}, text: '{"recovery_seal":false}' };
      },
      toCurlString: (req) => `curl ${req.method} ${req.path}`,
      close: async () => undefined,
    };
    const mode = curlMode(fakeStreams());
    const client = mode.wrap(inner);
    const res = await withoutCurlString(client, (c) => c.send({ method: 'GET', path: 'sys/seal-status' }));
    expect(res.status).toBe(200);
    await expect(client.send({ method: 'PUT', path: 'sys/init', body: {} })).rejects.toBeInstanceOf(
      CurlStringReady,
    );
    expect(sent.map((r) => r.path)).toEqual(['sys/seal-status']);
    expect(mode.finish(2)).toBe(0);
  });
});
