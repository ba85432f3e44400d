import type { Telemetry } from '../core/telemetry/telemetry.js';
import { HEADER, NO_STORE } from './headers.js';

/**
 * GET /v1/sys/metrics without a token, for a listener with `unauthenticated_metrics_access`
 * (Vault's handleMetricsUnauthenticated). Null for any other path.
 */
export async function unauthenticatedMetrics(
  req: globalThis.Request,
  telemetry: Telemetry,
): Promise<globalThis.Response | null> {
  const url = new URL(req.url);
  if (url.pathname !== '/v1/sys/metrics') return null;
  if (req.method !== 'GET') return new Response(null, { status: 405 });
  const accept = req.headers.get('accept') ?? '';
  const format =
    url.searchParams.get('format') ?? (accept.includes('application/openmetrics-text') ? 'prometheus' : '');
  const answer = await telemetry.respond(format);
  return new Response(answer.body, {
    status: answer.status,
    headers: { [HEADER.contentType]: answer.contentType, [HEADER.cacheControl]: NO_STORE },
  });
}
