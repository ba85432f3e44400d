import type { Core } from '../../core/core.js';
import type { Backend } from '../path-spec.js';
import { auditPaths } from './audit-paths.js';
import { generateRootPaths } from './generate-root-paths.js';
import { leasePaths, legacyLeasePaths } from './lease-paths.js';
import { metricsPaths } from './metrics-paths.js';
import { miscPaths } from './misc-paths.js';
import { mountPaths } from './mount-paths.js';
import { policyPaths } from './policy-paths.js';
import { rekeyPaths } from './rekey-paths.js';
import { replicationPaths } from './replication-paths.js';
import { sealPaths } from './seal-paths.js';
import { wrappingPaths } from './wrapping-paths.js';

/** The sys/ backend: one table per concern, composed here. */
export function systemBackend(core: Core): Backend {
  const leases = leasePaths(core);
  return {
    type: 'system',
    paths: [
      ...sealPaths(core),
      ...generateRootPaths(core),
      ...rekeyPaths(core),
      ...mountPaths(core),
      ...policyPaths(core),
      ...wrappingPaths(core),
      ...leases,
      ...legacyLeasePaths(leases),
      ...miscPaths(core),
      ...auditPaths(core),
      ...replicationPaths(core),
      ...metricsPaths(core),
    ],
    // Vault's PathsSpecial.Root for sys/ (reference 8.1); sys/policies/acl is not among them.
    sudoPaths: [
      'auth/*',
      'remount',
      'remount/*',
      'audit',
      'audit/*',
      'raw',
      'raw/*',
      'rotate',
      'rekey/backup',
      'seal',
      'leases/revoke-prefix/*',
      'leases/revoke-force/*',
      'revoke-prefix/*',
      'revoke-force/*',
      'step-down',
      'leases/lookup/*',
    ],
  };
}
