import type { Core } from '../../core/core.js';
import type { PathSpec } from '../../logical/path-spec.js';

/**
 * sys/metrics: the node's telemetry, in go-metrics' JSON form or with `format=prometheus`
 * (Vault's pathMetrics; the listener can also serve it without a token).
 */
export function metricsPaths(core: Core): PathSpec[] {
  return [
    {
      pattern: 'metrics',
      fields: { format: { type: 'string' } },
      drSecondary: 'allowed',
      synopsis: 'Export the metrics aggregated for telemetry purpose.',
      ops: {
        read: async (_req, f) => ({ raw: await core.telemetry.respond(f.string('format') ?? '') }),
      },
    },
  ];
}
