import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the UI: dist/ui beside dist/server. */
export const UI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'ui');

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
};

/** No inline script or style, nothing from elsewhere: the UI's own files and its own API only. */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': UI_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** A flat file name of the UI: letters, digits, `-`, `_`, one extension. Nothing else is served. */
const FILE = /^\/ui\/([a-z0-9_-]+\.(html|js|css|png|svg))$/;

/**
 * Serves the replication UI under /ui/ (Vault's UI lives there too); null for other paths.
 * `/ui` and `/ui/<anything else>` both get the single page.
 */
export async function uiRoute(req: globalThis.Request, dir = UI_DIR): Promise<globalThis.Response | null> {
  const path = new URL(req.url).pathname;
  if (path !== '/ui' && !path.startsWith('/ui/')) return null;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD', ...SECURITY_HEADERS } });
  }
  if (path === '/ui')
    return new Response(null, { status: 301, headers: { Location: '/ui/', ...SECURITY_HEADERS } });
  const match = FILE.exec(path);
  const [name, ext] = match ? [match[1] ?? '', match[2] ?? ''] : ['index.html', 'html'];
  try {
    const body = await readFile(join(dir, name));
    return new Response(req.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', ...SECURITY_HEADERS },
    });
  } catch {
    const missing = match !== null && ext !== 'html';
    return new Response(missing ? 'not found\n' : 'the UI is not built: run npm run build\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
    });
  }
}
