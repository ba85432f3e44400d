/**
 * Bodies whose content the server already holds: the JSON text of a Response it rendered, the
 * bytes of a small Request body the listener read before calling the handler. The message
 * itself is an ordinary web Request/Response that any caller can read as usual; this only lets
 * the listener and `readLimitedBody` take the content without pumping it through the body stream.
 */
export type KnownBody = Uint8Array | string;

const known = new WeakMap<globalThis.Request | globalThis.Response, KnownBody>();

/** Records that `message`'s body is exactly `body` (text as UTF-8); returns `message`. */
export function withKnownBody<T extends globalThis.Request | globalThis.Response>(
  message: T,
  body: KnownBody,
): T {
  known.set(message, body);
  return message;
}

/** `message`'s body when it is known and nobody has started reading its stream. */
export function knownBody(message: globalThis.Request | globalThis.Response): KnownBody | undefined {
  const body = known.get(message);
  if (body === undefined || message.body === null || message.body.locked || message.bodyUsed)
    return undefined;
  return body;
}
