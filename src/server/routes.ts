import type { Core } from '../core/core.js';
import { createApiHandler } from './api-handler.js';
import type { ConnectionInfo } from './connection-info.js';
import { unauthenticatedMetrics } from './metrics-route.js';
import { uiRoute } from './ui-route.js';

/** Vault's login paths, timed as vault.core.handle_login_request instead of handle_request. */
const LOGIN_PATH = /^auth\/.+\/login(\/|$)/;

/** /ui/ and the unauthenticated sys/metrics before the API; every core request timed. */
export function routes(core: Core, unauthenticatedMetricsAccess: boolean) {
  const api = createApiHandler({
    handle: async (req) => {
      const started = performance.now();
      try {
        return await core.handle(req);
      } finally {
        core.telemetry.measureSince(
          LOGIN_PATH.test(req.path) ? 'core.handle_login_request' : 'core.handle_request',
          started,
        );
      }
    },
  });
  return async (req: globalThis.Request, info: ConnectionInfo): Promise<globalThis.Response> => {
    const target = info.target ?? '';
    if (target.startsWith('/ui')) {
      const ui = await uiRoute(req);
      if (ui) return ui;
    }
    if (unauthenticatedMetricsAccess && target.startsWith('/v1/sys/metrics')) {
      const metrics = await unauthenticatedMetrics(req, core.telemetry);
      if (metrics) return metrics;
    }
    return api(req, info);
  };
}
