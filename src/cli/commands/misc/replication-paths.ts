/**
 * Every `sys/replication` endpoint hvr serves or will serve (reference: Vault Enterprise
 * 1.18.3 `vault path-help sys`, vault-replication-api.md §1.1), for shell completion of
 * `read`, `write` and `list`, and for the commands that call them. `:id` and `:subsystem`
 * segments are left out (they are user input); the legacy pre-DR aliases come last.
 */
export const DR_OPERATION_TOKEN_ATTEMPT = 'sys/replication/dr/secondary/generate-operation-token/attempt';
export const DR_OPERATION_TOKEN_UPDATE = 'sys/replication/dr/secondary/generate-operation-token/update';

const each = (prefix: string, names: readonly string[]): string[] => names.map((n) => `${prefix}/${n}`);

const PRIMARY = ['enable', 'demote', 'disable', 'secondary-token', 'revoke-secondary'] as const;

export const REPLICATION_PATHS: readonly string[] = [
  'sys/replication/status',
  'sys/replication/recover',
  'sys/replication/reindex',
  'sys/replication/merkle-check',
  'sys/replication/dr/status',
  ...each('sys/replication/dr/primary', PRIMARY),
  ...each('sys/replication/dr/secondary', [
    'enable',
    'disable',
    'promote',
    'update-primary',
    'generate-public-key',
    'operation-token/delete',
    'recover',
    'reindex',
    'merkle-check',
    'license/status',
    'config/reload',
  ]),
  DR_OPERATION_TOKEN_ATTEMPT,
  DR_OPERATION_TOKEN_UPDATE,
  'sys/replication/performance/status',
  ...each('sys/replication/performance/primary', PRIMARY),
  'sys/replication/performance/primary/paths-filter',
  'sys/replication/performance/primary/dynamic-filter',
  ...each('sys/replication/performance/secondary', [
    'enable',
    'disable',
    'promote',
    'update-primary',
    'generate-public-key',
    'dynamic-filter',
  ]),
  ...each('sys/replication/primary', PRIMARY),
  ...each('sys/replication/secondary', ['enable', 'disable', 'promote', 'update-primary']),
];

/** The ones `list` can complete: the prefixes that hold other paths. */
export const REPLICATION_LIST_PREFIXES: readonly string[] = [
  ...new Set(REPLICATION_PATHS.map((p) => `${p.slice(0, p.lastIndexOf('/'))}/`)),
];
