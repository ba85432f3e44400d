import type { Request, Response } from '../../logical/request.js';

/**
 * Vault's `logical.RespondWithStatusCode`: a raw response whose body is the whole JSON
 * envelope of `body` (or empty), sent with a status other than 200. KV v2 uses it to
 * answer 404 while still showing a deleted version's metadata. The envelope is built the
 * way Go's `json.Marshal` would: struct fields in order, map keys sorted, `<>&` escaped,
 * no trailing newline, and `mount_type` empty (the inner response never had one).
 */
export function respondWithStatus(
  req: Request,
  status: number,
  body?: { readonly data?: Record<string, unknown>; readonly warnings?: readonly string[] },
): Response {
  if (!body) return { raw: { status, contentType: 'application/json', body: '' } };
  const envelope = {
    request_id: req.id,
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: body.data === undefined ? null : sortKeysDeep(body.data),
    wrap_info: null,
    warnings: body.warnings === undefined ? null : [...body.warnings],
    auth: null,
    mount_type: '',
  };
  return { raw: { status, contentType: 'application/json', body: goJSON(envelope) } };
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return out;
}

/** JSON.stringify plus Go's HTML-safe escaping (only ever inside strings, so a global replace is safe). */
const goJSON = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
