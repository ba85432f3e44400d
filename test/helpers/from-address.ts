import { request } from 'node:http';
import type { ApiResult } from './api.js';

/**
 * A JSON PUT to a node's API from a chosen local source address (127.0.0.2 and so on: all
 * of 127/8 is loopback on Linux), so a test can play a client on another machine.
 */
export function putFrom(
  address: string,
  localAddress: string,
  path: string,
  body: unknown,
): Promise<ApiResult> {
  const url = new URL(address);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `/v1/${path}`,
        method: 'PUT',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: text.trim() === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
