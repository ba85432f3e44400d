import { ClientConfigError } from './errors.js';

/**
 * How Vault's Go client turns an address and a logical path into a URL, so that requests,
 * error messages (`URL: GET …`) and curl strings match it:
 * `path.Join(addressPath, "/v1/" + path)` (cleaned: no `//`, `.`, `..` or trailing slash),
 * `URL.EscapedPath()` and `url.Values.Encode()` (sorted keys, `+` for spaces).
 */
export interface Address {
  /** `http`, `https` (a `unix://` address is `http` on `localhost`), or `embedded`. */
  readonly scheme: string;
  /** `host[:port]` exactly as written (Go keeps an explicit default port; WHATWG drops it). */
  readonly authority: string;
  /** The address's own path prefix, usually ''. */
  readonly basePath: string;
  /** For `unix:///path/to/socket` addresses. */
  readonly socketPath?: string;
}

export type Query = Readonly<Record<string, string | readonly string[]>>;

export interface WireTarget {
  /** Escaped path plus `?query`, e.g. `/v1/secret/metadata?list=true`. */
  readonly target: string;
  /** `scheme://authority` + target, as Go's `URL.String()` prints it. */
  readonly url: string;
}

const ADDRESS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/;

export function parseAddress(address: string): Address {
  if (address.startsWith('unix://')) {
    const socketPath = address.slice('unix://'.length);
    if (socketPath === '') throw new ClientConfigError(`invalid address "${address}": missing socket path`);
    return { scheme: 'http', authority: 'localhost', basePath: '', socketPath };
  }
  const match = ADDRESS.exec(address.trim());
  if (match === null || (match[2] ?? '') === '') {
    throw new ClientConfigError(
      `invalid address "${address}": expected scheme://host[:port], e.g. https://127.0.0.1:8200`,
    );
  }
  return { scheme: (match[1] ?? '').toLowerCase(), authority: match[2] ?? '', basePath: match[3] ?? '' };
}

/** The URL of a request for `path` (logical, no `/v1/`) with `query`, relative to `address`. */
export function wireTarget(address: Address, path: string, query?: Query): WireTarget {
  const urlPath = joinGoPath(address.basePath, `/v1/${path}`);
  const encoded = query === undefined ? '' : encodeGoQuery(query);
  const target = escapeGoPath(urlPath) + (encoded === '' ? '' : `?${encoded}`);
  return { target, url: `${address.scheme}://${address.authority}${target}` };
}

/** Go's path.Join for a rooted result: join the non-empty parts with '/', then path.Clean. */
export function joinGoPath(...parts: readonly string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  const out: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

const utf8 = new TextEncoder();
const hex = (byte: number): string => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Go's `escape(s, encodePath)`: keeps unreserved characters and `$&+,/:;=@`. */
export function escapeGoPath(path: string): string {
  return escapeBytes(path, (c) => isUnreserved(c) || '$&+,/:;=@'.includes(c), false);
}

/** Go's `url.QueryEscape`: keeps only unreserved characters; a space becomes `+`. */
export function goQueryEscape(text: string): string {
  return escapeBytes(text, isUnreserved, true);
}

/** Go's `url.Values.Encode()`: keys sorted, each value in order, `k=v` joined with `&`. */
export function encodeGoQuery(query: Query): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const raw = query[key];
    const values: readonly string[] = typeof raw === 'string' ? [raw] : (raw ?? []);
    for (const value of values) parts.push(`${goQueryEscape(key)}=${goQueryEscape(value)}`);
  }
  return parts.join('&');
}

function isUnreserved(c: string): boolean {
  return /^[A-Za-z0-9\-_.~]$/.test(c);
}

function escapeBytes(text: string, keep: (c: string) => boolean, spaceAsPlus: boolean): string {
  let out = '';
  for (const char of text) {
    if (char.length === 1 && keep(char)) out += char;
    else if (char === ' ' && spaceAsPlus) out += '+';
    else for (const byte of utf8.encode(char)) out += hex(byte);
  }
  return out;
}

/** `host:port` as dialled, with the scheme's default port when the address has none. */
export function dialAddress(address: Address): string {
  if (address.socketPath !== undefined) return address.socketPath;
  const host = address.authority.replace(/^[^@]*@/, '');
  if (/:\d+$/.test(host) && !/^\[[^\]]*\]$/.test(host)) return host;
  return `${host}:${address.scheme === 'https' ? 443 : 80}`;
}

/** `scheme://host[:port]` for the dispatcher (credentials removed). */
export function originOf(address: Address): string {
  return `${address.scheme}://${address.authority.replace(/^[^@]*@/, '')}`;
}
