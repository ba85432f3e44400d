/**
 * The `sys/replication` endpoints hvr serves (src/backends/sys/replication-paths.ts), for
 * shell completion of `read`, `write` and `list`, and for the commands that call them. The
 * Enterprise ones hvr does not serve (performance/* but its status, recover, license/status,
 * the legacy pre-DR sys/replication/primary/*) are left out: they answer "unsupported path".
 */
export const DR_OPERATION_TOKEN_ATTEMPT = 'sys/replication/dr/secondary/generate-operation-token/attempt';
export const DR_OPERATION_TOKEN_UPDATE = 'sys/replication/dr/secondary/generate-operation-token/update';

const each = (prefix: string, names: readonly string[]): string[] => names.map((n) => `${prefix}/${n}`);

export const REPLICATION_PATHS: readonly string[] = [
  'sys/replication/status',
  'sys/replication/reindex',
  'sys/replication/merkle-check',
  'sys/replication/dr/status',
  ...each('sys/replication/dr/primary', [
    'enable',
    'demote',
    'disable',
    'secondary-token',
    'revoke-secondary',
    'zero-rpo',
  ]),
  ...each('sys/replication/dr/secondary', [
    'enable',
    'disable',
    'promote',
    'update-primary',
    'generate-public-key',
    'operation-token/delete',
    'reindex',
    'merkle-check',
  ]),
  DR_OPERATION_TOKEN_ATTEMPT,
  DR_OPERATION_TOKEN_UPDATE,
  'sys/replication/performance/status',
];

/** The ones `list` can complete: the prefixes that hold other paths. */
export const REPLICATION_LIST_PREFIXES: readonly string[] = [
  ...new Set(REPLICATION_PATHS.map((p) => `${p.slice(0, p.lastIndexOf('/'))}/`)),
];
