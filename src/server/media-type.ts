/**
 * The media type of a Content-Type value, lower-cased, as Go's mime.ParseMediaType reports it
 * (parameters are ignored). Throws with Go's messages when the value is not `type[/subtype]`.
 */
export class MediaTypeError extends Error {
  override readonly name = 'MediaTypeError';
}

const TSPECIALS = '()<>@,;:\\"/[]?=';
const isTokenChar = (c: string): boolean => c > ' ' && c < '\x7f' && !TSPECIALS.includes(c);

function consumeToken(text: string): [token: string, rest: string] {
  let end = 0;
  while (end < text.length && isTokenChar(text.charAt(end))) end++;
  return [text.slice(0, end), text.slice(end)];
}

export function mediaType(contentType: string): string {
  const value = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  const [type, rest] = consumeToken(value);
  if (type === '') throw new MediaTypeError('mime: no media type');
  if (rest === '') return value;
  if (!rest.startsWith('/')) throw new MediaTypeError('mime: expected slash after first token');
  const [subtype, tail] = consumeToken(rest.slice(1));
  if (subtype === '') throw new MediaTypeError('mime: expected token after slash');
  if (tail !== '') throw new MediaTypeError('mime: unexpected content after media subtype');
  return value;
}
