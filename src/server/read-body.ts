import { HEADER } from './headers.js';
import { knownBody } from './known-body.js';

/** A request body read up to a limit; `tooLarge` bodies hold only what was read before stopping. */
export interface LimitedBody {
  readonly bytes: Uint8Array;
  readonly tooLarge: boolean;
}

const EMPTY = new Uint8Array(0);

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads `req`'s body while counting: a declared Content-Length over `maxBytes` is refused before
 * reading, and a stream that passes the limit is cancelled at once (Go's MaxBytesReader), so
 * memory never grows past `maxBytes` plus one chunk. `maxBytes <= 0` means no limit.
 */
export async function readLimitedBody(req: globalThis.Request, maxBytes: number): Promise<LimitedBody> {
  const limited = maxBytes > 0;
  const declared = Number(req.headers.get(HEADER.contentLength) ?? Number.NaN);
  if (limited && Number.isFinite(declared) && declared > maxBytes) {
    await req.body?.cancel();
    return { bytes: EMPTY, tooLarge: true };
  }
  if (req.body === null) return { bytes: EMPTY, tooLarge: false };
  const known = knownBody(req);
  if (known !== undefined) {
    const bytes = typeof known === 'string' ? Buffer.from(known, 'utf8') : known;
    return { bytes, tooLarge: limited && bytes.byteLength > maxBytes };
  }

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
    if (limited && length > maxBytes) {
      await reader.cancel();
      return { bytes: concat(chunks, length), tooLarge: true };
    }
  }
  return { bytes: concat(chunks, length), tooLarge: false };
}
