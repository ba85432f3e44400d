import { describe, expect, test } from 'vitest';
import { tokenAuditAuth } from '../../../src/core/audit/token-auth.js';
import type { TokenEntry } from '../../../src/logical/token-entry.js';

const entry: TokenEntry = {
  id: 'hvs.root',
  accessor: 'acc1',
  parent: '',
  policies: ['default', 'ops'],
  path: 'auth/token/create',
  meta: { team: 'infra' },
  displayName: 'token-ops',
  numUses: 3,
  creationTime: 1_709_528_767,
  ttl: 3600,
  explicitMaxTTL: 0,
  period: 0,
  type: 'service',
  renewable: true,
  expireTime: 0,
  role: '',
  entityId: '',
  leaseId: '',
};

describe('tokenAuditAuth', () => {
  test("maps a token entry to the caller's audit auth", () => {
    expect(tokenAuditAuth(entry)).toEqual({
      clientToken: 'hvs.root',
      accessor: 'acc1',
      displayName: 'token-ops',
      policies: ['default', 'ops'],
      tokenPolicies: ['default', 'ops'],
      metadata: { team: 'infra' },
      entityId: '',
      tokenType: 'service',
      tokenTTL: 3600,
      tokenIssueTime: new Date('2024-03-04T05:06:07Z'),
      remainingUses: 3,
    });
    expect(tokenAuditAuth(entry, { policies: ['default', 'ops', 'identity-p'] }).policies).toHaveLength(3);
  });
});
