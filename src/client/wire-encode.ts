import { HEADER } from '../server/headers.js';
import type { HeaderValue, WireRequest } from './client.js';
import { ClientConfigError } from './errors.js';
import { stringifyJson } from './json-stringify.js';

/** What a client adds to every request besides the request's own fields. */
export interface WireDefaults {
  readonly token: string | undefined;
  /** Sent as X-Vault-Namespace, canonicalised (`/ns1` → `ns1/`). */
  readonly namespace?: string;
  /** Extra headers on every request (`-header`); a request's own headers win. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const NON_PRINTABLE = /[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** Vault's namespace.Canonicalize: no leading slash, one trailing slash; '' stays ''. */
export function canonicalNamespace(namespace: string): string {
  const trimmed = namespace.replace(/^\/+/, '');
  if (trimmed === '') return '';
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/**
 * The request's headers, in the order a curl string shows them: X-Vault-Request (always, as
 * Vault's client sends it), X-Vault-Token, X-Vault-Namespace, then the extra headers.
 * Names are compared case-insensitively; a later value replaces an earlier one. A list value
 * gives one pair per item (Go's Header.Add).
 */
export function wireHeaders(defaults: WireDefaults, req: WireRequest): Array<[string, string]> {
  const headers = new Map<string, Array<[string, string]>>();
  const set = (name: string, value: HeaderValue) =>
    headers.set(
      name.toLowerCase(),
      (typeof value === 'string' ? [value] : value).map((v): [string, string] => [name, v]),
    );
  set(HEADER.vaultRequest, 'true');
  const token = req.token ?? defaults.token;
  if (token !== undefined && token !== '') {
    if (NON_PRINTABLE.test(token)) {
      throw new ClientConfigError(
        'configured Vault token contains non-printable characters and cannot be used',
      );
    }
    set(HEADER.vaultToken, token);
  }
  const namespace = canonicalNamespace(defaults.namespace ?? '');
  if (namespace !== '') set(HEADER.namespace, namespace);
  for (const [name, value] of Object.entries(defaults.headers ?? {})) set(name, value);
  for (const [name, value] of Object.entries(req.headers ?? {})) set(name, value);
  return [...headers.values()].flat();
}

/**
 * The body as Vault's client marshals it (json.Marshal of a map: sorted keys, HTML-escaped, no
 * trailing newline); `null` is the literal `null`; undefined is no body at all.
 */
export function wireBody(req: WireRequest): string | undefined {
  if (req.body === undefined) return undefined;
  if (req.method === 'GET' || req.method === 'HEAD') {
    throw new ClientConfigError(`a ${req.method} request cannot carry a body (${req.path})`);
  }
  return stringifyJson(req.body, { sortKeys: true, escapeHtml: true });
}
