import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Vault's clients send `LIST`, a verb Node's HTTP parser (llhttp) refuses with a bare 400
 * before any of our code runs. Go's server takes any method token, so hvr must too.
 *
 * The means: every connection's bytes pass through a RequestLineRewriter before the parser.
 * It follows HTTP/1.1 message framing (request line, headers, Content-Length or chunked body)
 * just far enough to know where each request starts, and when a request's method is one the
 * parser does not know, it rewrites `LIST /v1/x HTTP/1.1` to `GET /v1/x HTTP/1.1` followed by
 * a header carrying the real method. The header's name holds a per-process random part, so a
 * client cannot forge it. Known methods pass through untouched (the chunk itself is handed on).
 * Whenever the framing is something it does not follow (oversized head, bad chunk line,
 * Upgrade), it stops rewriting and passes everything on, leaving the verdict to the parser.
 */
export const METHOD_HEADER = `x-hvr-method-${randomBytes(8).toString('hex')}`;

const KNOWN = new Set(http.METHODS);
/** Longest method token considered; llhttp's longest is 11 (MKACTIVITY, UNSUBSCRIBE). */
const MAX_METHOD = 32;
/** Most bytes of an unknown method's request line held back before it is rewritten. */
const MAX_REQUEST_LINE = 16 * 1024;
/** Most header bytes tracked; beyond this the parser refuses the request anyway (431). */
const MAX_HEAD = 80 * 1024;
const MAX_CHUNK_LINE = 4 * 1024;

const CR = 13;
const LF = 10;
const SP = 32;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

type State =
  | { kind: 'start' }
  | { kind: 'method'; held: Buffer }
  | { kind: 'request-line'; method: string; held: Buffer }
  | { kind: 'head'; seen: Buffer[]; size: number }
  | { kind: 'fixed'; left: number }
  | { kind: 'chunk-size'; line: Buffer[]; size: number }
  | { kind: 'chunk-data'; left: number }
  | { kind: 'trailer'; line: Buffer[]; size: number }
  | { kind: 'passthrough' };

const EMPTY = Buffer.alloc(0);
const LF_BUFFER = Buffer.from('\n');

export class RequestLineRewriter {
  private state: State = { kind: 'start' };

  /** The bytes to hand to the parser for `chunk` (the same Buffer when nothing changed). */
  feed(chunk: Buffer): Buffer {
    if (this.state.kind === 'passthrough') return chunk;
    const out: Buffer[] = [];
    let from = 0; // start of the run of `chunk` not yet handed to `out`
    let pos = 0;
    while (pos < chunk.length && this.state.kind !== 'passthrough') {
      const state: State = this.state;
      switch (state.kind) {
        case 'start': {
          const b = chunk[pos] as number;
          if (b === CR || b === LF) {
            pos++; // blank lines between requests, which the parser skips too
            break;
          }
          if (pos > from) out.push(chunk.subarray(from, pos));
          from = pos; // from now marks where the method starts in this chunk
          this.state = { kind: 'method', held: EMPTY };
          break;
        }
        case 'method': {
          const space = chunk.indexOf(SP, pos);
          if (space < 0) {
            const held = Buffer.concat([state.held, chunk.subarray(pos)]);
            if (held.length > MAX_METHOD) {
              if (state.held.length > 0) out.push(state.held);
              this.state = { kind: 'passthrough' };
            } else {
              this.state = { kind: 'method', held };
              from = chunk.length;
            }
            pos = chunk.length;
            break;
          }
          const method: string = state.held.toString('latin1') + chunk.toString('latin1', pos, space);
          if (KNOWN.has(method) || !TOKEN.test(method)) {
            if (state.held.length > 0) out.push(state.held);
            this.state = method === 'CONNECT' ? { kind: 'passthrough' } : { kind: 'head', seen: [], size: 0 };
          } else {
            // Unknown method: its bytes are dropped here and written back as a header.
            from = space;
            this.state = { kind: 'request-line', method, held: EMPTY };
          }
          pos = space;
          break;
        }
        case 'request-line': {
          const lf = chunk.indexOf(LF, pos);
          const end = lf < 0 ? chunk.length : lf + 1;
          const held = Buffer.concat([state.held, chunk.subarray(pos, end)]);
          pos = end;
          from = end;
          if (lf >= 0) {
            out.push(
              Buffer.from(`GET${held.toString('latin1')}${METHOD_HEADER}: ${state.method}\r\n`, 'latin1'),
            );
            // The line just written ended with LF: the head scan must see it to spot a blank line.
            this.state = { kind: 'head', seen: [LF_BUFFER], size: 1 };
          } else if (held.length > MAX_REQUEST_LINE) {
            out.push(Buffer.from(state.method, 'latin1'), held);
            this.state = { kind: 'passthrough' };
          } else {
            this.state = { ...state, held };
          }
          break;
        }
        case 'head':
          pos = this.scanHead(chunk, pos, state);
          break;
        case 'fixed': {
          const take = Math.min(state.left, chunk.length - pos);
          pos += take;
          this.state = state.left === take ? { kind: 'start' } : { kind: 'fixed', left: state.left - take };
          break;
        }
        case 'chunk-data': {
          const take = Math.min(state.left, chunk.length - pos);
          pos += take;
          this.state =
            state.left === take
              ? { kind: 'chunk-size', line: [], size: 0 }
              : { kind: 'chunk-data', left: state.left - take };
          break;
        }
        case 'chunk-size':
        case 'trailer':
          pos = this.scanChunkLine(chunk, pos, state);
          break;
      }
    }
    if (out.length === 0 && from === 0) return chunk;
    if (from < chunk.length) out.push(chunk.subarray(from));
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  /** Scans header bytes for the blank line; on finding it, decides the body's framing. */
  private scanHead(chunk: Buffer, pos: number, state: Extract<State, { kind: 'head' }>): number {
    // The blank line may straddle chunks: look again at the last bytes already seen.
    const tail = tailBytes(state.seen, 2);
    const window = tail.length > 0 ? Buffer.concat([tail, chunk.subarray(pos)]) : chunk.subarray(pos);
    const end = headEnd(window);
    if (end < 0) {
      const size = state.size + chunk.length - pos;
      if (size > MAX_HEAD) this.state = { kind: 'passthrough' };
      else this.state = { kind: 'head', seen: [...state.seen, chunk.subarray(pos)], size };
      return chunk.length;
    }
    const used = end - tail.length;
    const head =
      state.seen.length === 0
        ? chunk.toString('latin1', pos, pos + used)
        : Buffer.concat([...state.seen, chunk.subarray(pos, pos + used)]).toString('latin1');
    this.state = framing(head);
    return pos + used;
  }

  private scanChunkLine(
    chunk: Buffer,
    pos: number,
    state: Extract<State, { kind: 'chunk-size' | 'trailer' }>,
  ): number {
    const lf = chunk.indexOf(LF, pos);
    if (lf < 0) {
      const size = state.size + chunk.length - pos;
      if (size > MAX_CHUNK_LINE) this.state = { kind: 'passthrough' };
      else this.state = { ...state, line: [...state.line, chunk.subarray(pos)], size };
      return chunk.length;
    }
    const line = Buffer.concat([...state.line, chunk.subarray(pos, lf)])
      .toString('latin1')
      .replace(/\r$/, '');
    if (state.kind === 'trailer') {
      this.state = line === '' ? { kind: 'start' } : { kind: 'trailer', line: [], size: 0 };
    } else if (line === '') {
      this.state = { kind: 'chunk-size', line: [], size: 0 }; // the CRLF after a chunk's data
    } else {
      const hex = /^([0-9a-fA-F]{1,15})[ \t]*(;.*)?$/.exec(line);
      const size = hex === null ? Number.NaN : Number.parseInt(hex[1] as string, 16);
      if (Number.isNaN(size)) this.state = { kind: 'passthrough' };
      else
        this.state = size === 0 ? { kind: 'trailer', line: [], size: 0 } : { kind: 'chunk-data', left: size };
    }
    return lf + 1;
  }
}

function tailBytes(parts: readonly Buffer[], n: number): Buffer {
  if (parts.length === 0) return EMPTY;
  const joined = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts.slice(-n));
  return joined.subarray(Math.max(0, joined.length - n));
}

/** Index just past the blank line that ends a head (LF CRLF or LF LF), or -1. */
function headEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\n\r\n');
  const lflf = bytes.indexOf('\n\n');
  if (crlf < 0) return lflf < 0 ? -1 : lflf + 2;
  if (lflf < 0 || crlf < lflf) return crlf + 3;
  return lflf + 2;
}

const FRAMING_HEADER = /\n[ \t]*(content-length|transfer-encoding|upgrade)[ \t]*:([^\r\n]*)/gi;

/** How the body after `head` is framed (RFC 9112 section 6.3, for requests). */
function framing(head: string): State {
  let length: string | undefined;
  let chunked = false;
  for (const match of head.matchAll(FRAMING_HEADER)) {
    const name = (match[1] as string).toLowerCase();
    const value = (match[2] as string).trim();
    if (name === 'content-length') {
      if (length !== undefined && length !== value) return { kind: 'passthrough' };
      length = value;
    } else if (name === 'transfer-encoding') {
      const codings = value.toLowerCase().split(',');
      if (codings[codings.length - 1]?.trim() !== 'chunked') return { kind: 'passthrough' };
      chunked = true;
    } else {
      return { kind: 'passthrough' }; // upgrade
    }
  }
  if (chunked) return { kind: 'chunk-size', line: [], size: 0 };
  if (length === undefined) return { kind: 'start' };
  if (!/^\d{1,15}$/.test(length)) return { kind: 'passthrough' };
  const n = Number(length);
  return n === 0 ? { kind: 'start' } : { kind: 'fixed', left: n };
}

/**
 * Puts a RequestLineRewriter in front of the HTTP parser of every connection `server`
 * accepts (`event` is `connection` for HTTP, `secureConnection` for HTTPS).
 *
 * Node hands a plain TCP socket's bytes to the parser natively, bypassing JavaScript; marking
 * the handle consumed (what Node itself checks) keeps them on the JS path, where the socket's
 * push is wrapped. A test over raw sockets fails if a Node upgrade changes this.
 */
export function rewriteExtensionMethods(server: http.Server, event: 'connection' | 'secureConnection'): void {
  server.prependListener(event, (socket: Duplex) => {
    const handle = (socket as Duplex & { _handle?: { _consumed?: boolean } | null })._handle;
    if (handle) handle._consumed = true;
    const rewriter = new RequestLineRewriter();
    const push = socket.push;
    socket.push = function rewritingPush(chunk: unknown, encoding?: BufferEncoding): boolean {
      if (!Buffer.isBuffer(chunk)) return push.call(this, chunk, encoding);
      const out = rewriter.feed(chunk);
      return out.length === 0 ? true : push.call(this, out);
    };
  });
}
