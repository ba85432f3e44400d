import { describe, expect, test } from 'vitest';
import { METHOD_HEADER, RequestLineRewriter } from '../../src/server/extension-methods.js';

/** Feeds `input` cut at `cuts` and returns everything the rewriter handed on. */
function run(input: string, cuts: readonly number[]): string {
  const rewriter = new RequestLineRewriter();
  const bytes = Buffer.from(input, 'latin1');
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(rewriter.feed(bytes.subarray(at, cut)));
    at = cut;
  }
  return Buffer.concat(out).toString('latin1');
}

const list = 'LIST /v1/secret/metadata/ HTTP/1.1\r\nHost: x\r\n\r\n';
const chunkedPut =
  'PUT /v1/secret/data/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '5;ext=1\r\nLIST \r\n3\r\nab\n\r\n0\r\nTrailer: y\r\n\r\n';
// The body says `LIST /` at the start of a line: only framing tells it is not a request.
const fixedPost = 'POST /v1/x HTTP/1.1\r\nContent-Length: 21\r\n\r\nLIST /v1/y HTTP/1.1\r\n';
const listWithBody = 'LIST /v1/z HTTP/1.1\r\ncontent-length: 2\r\n\r\n{}';
const bare = 'FOO /v1/q HTTP/1.0\r\n\r\n';
const stream = `${list}${chunkedPut}\r\n${fixedPost}${listWithBody}${bare}${list}`;

const moved = (method: string) => `${METHOD_HEADER}: ${method}\r\n`;
const expected =
  `GET /v1/secret/metadata/ HTTP/1.1\r\n${moved('LIST')}Host: x\r\n\r\n` +
  `${chunkedPut}\r\n${fixedPost}` +
  `GET /v1/z HTTP/1.1\r\n${moved('LIST')}content-length: 2\r\n\r\n{}` +
  `GET /v1/q HTTP/1.0\r\n${moved('FOO')}\r\n` +
  `GET /v1/secret/metadata/ HTTP/1.1\r\n${moved('LIST')}Host: x\r\n\r\n`;

describe('RequestLineRewriter', () => {
  test('rewrites unknown methods of pipelined requests and leaves bodies alone', () => {
    expect(run(stream, [])).toBe(expected);
  });

  test('gives the same bytes however the stream is cut, down to one byte at a time', () => {
    const everyByte = Array.from({ length: stream.length - 1 }, (_, i) => i + 1);
    expect(run(stream, everyByte)).toBe(expected);
    for (let cut = 1; cut < stream.length; cut++) expect(run(stream, [cut])).toBe(expected);
  });

  test('hands on the very chunk when nothing needs rewriting', () => {
    const rewriter = new RequestLineRewriter();
    const chunk = Buffer.from(fixedPost);
    expect(rewriter.feed(chunk)).toBe(chunk);
  });

  test('stops rewriting once framing is something it does not follow', () => {
    const odd = 'PUT /v1/a HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nLIST /v1/b HTTP/1.1\r\n\r\n';
    expect(run(odd, [])).toBe(odd);
  });
});
