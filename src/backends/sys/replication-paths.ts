import type { PathSpec } from '../path-spec.js';

/**
 * Replication status before the replication engine exists: what Vault's open-source
 * build answers. The replication issue replaces this table.
 */
export function replicationPaths(): PathSpec[] {
  const disabled = async () => ({ data: { mode: 'disabled' } });
  return [
    { pattern: 'replication/status', auth: 'none', synopsis: 'Replication status.', ops: { read: disabled } },
    {
      pattern: 'replication/dr/status',
      auth: 'none',
      synopsis: 'DR replication status.',
      ops: { read: disabled },
    },
    {
      pattern: 'replication/performance/status',
      auth: 'none',
      synopsis: 'Performance replication status.',
      ops: { read: disabled },
    },
  ];
}
