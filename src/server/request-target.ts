import { badRequest, HvrError, notFound } from '../core/errors.js';
import { goUnescape, UrlValuesError } from './url-values.js';

/** Where a request points, once the URL rules have been applied. */
export interface RequestTarget {
  /** The cleaned URL path, `/v1/` + `path` (what Vault's mux matches routes on). */
  readonly urlPath: string;
  /** The logical path: no `/v1/`, no leading slash, duplicate slashes and `.` segments removed. */
  readonly path: string;
  /** The raw query string, without the `?`. */
  readonly query: string;
}

const API_PREFIX = '/v1/';
/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const NON_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** The path-and-query part of an origin-form or absolute-form request-target. */
function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(target);
  if (match === null) return '';
  const rest = target.slice(match[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * Applies Vault's URL rules to a raw request-target (`/v1/secret/foo?list=true`):
 * only `/v1/` is served (else 404 `{"errors":[]}`); `%2F` is refused rather than turned into a
 * separator; a path Go would not print is 400 with no message (cleanhttp's PrintablePathCheck);
 * `..` segments are 400 `path cannot contain parent references`; `//` and `.` segments are
 * dropped and a trailing slash kept, like Go's path cleaning.
 */
export function requestTarget(target: string): RequestTarget {
  const form = originForm(target);
  const queryAt = form.indexOf('?');
  const rawPath = queryAt < 0 ? form : form.slice(0, queryAt);
  const query = queryAt < 0 ? '' : form.slice(queryAt + 1);
  if (!rawPath.startsWith(API_PREFIX)) throw notFound();

  const rest = rawPath.slice(API_PREFIX.length);
  if (/%2f/i.test(rest)) throw badRequest('path cannot contain encoded slashes');
  let segments: string[];
  try {
    segments = rest.split('/').map((segment) => goUnescape(segment, 'path'));
  } catch (error) {
    if (error instanceof UrlValuesError) throw badRequest(error.message);
    throw error;
  }
  if (segments.some((segment) => NON_PRINTABLE.test(segment))) {
    throw new HvrError('HVR_BAD_REQUEST', 400, '');
  }
  if (segments.includes('..')) throw badRequest('path cannot contain parent references');

  const kept = segments.filter((segment) => segment !== '' && segment !== '.');
  const trailing = rest.endsWith('/') && kept.length > 0 ? '/' : '';
  const path = kept.join('/') + trailing;
  return { urlPath: API_PREFIX + path, path, query };
}
