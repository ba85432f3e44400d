/**
 * Vault's `injectDataIntoTopRoutes` (`V:http/handler.go`): for these routes every `data` key is
 * also written at the top level of the JSON body, for backwards compatibility. A route ending in
 * `/` covers its subtree, the others match exactly (Go ServeMux patterns).
 */
export const INJECT_DATA_INTO_TOP_ROUTES: readonly string[] = [
  '/v1/sys/audit',
  '/v1/sys/audit/',
  '/v1/sys/audit-hash/',
  '/v1/sys/auth',
  '/v1/sys/auth/',
  '/v1/sys/config/cors',
  '/v1/sys/config/auditing/request-headers/',
  '/v1/sys/config/auditing/request-headers',
  '/v1/sys/capabilities',
  '/v1/sys/capabilities-accessor',
  '/v1/sys/capabilities-self',
  '/v1/sys/ha-status',
  '/v1/sys/key-status',
  '/v1/sys/mounts',
  '/v1/sys/mounts/',
  '/v1/sys/policy',
  '/v1/sys/policy/',
  '/v1/sys/rekey/backup',
  '/v1/sys/rekey/recovery-key-backup',
  '/v1/sys/remount',
  '/v1/sys/rotate',
  '/v1/sys/wrapping/wrap',
];

export const injectsDataAtTop = (urlPath: string): boolean =>
  INJECT_DATA_INTO_TOP_ROUTES.some((route) =>
    route.endsWith('/') ? urlPath.startsWith(route) : urlPath === route,
  );
