import { describe, expect, test } from 'vitest';
import type { OutputFormat } from '../../../src/cli/output/format.js';
import { createOutput } from '../../../src/cli/output/output.js';
import type { LeaderInput, SealStatusInput } from '../../../src/cli/output/seal-status.js';
import { fakeStreams, plainEnv } from './fake-streams.js';

function status(seal: SealStatusInput, leader: LeaderInput, format: OutputFormat = 'table') {
  const streams = fakeStreams();
  const code = createOutput({ streams, format, env: plainEnv }).status(seal, leader);
  return { code, out: streams.out(), err: streams.err() };
}

const devSeal: SealStatusInput = {
  type: 'shamir',
  initialized: true,
  sealed: false,
  t: 1,
  n: 1,
  progress: 0,
  nonce: '',
  version: '1.18.3',
  build_date: '2024-12-16T14:00:53Z',
  migration: false,
  cluster_name: 'vault-cluster-ad434f69',
  cluster_id: '965c5f00-0fae-b197-9b64-24ac171720a0',
  recovery_seal: false,
  storage_type: 'inmem',
};
const noHa: LeaderInput = { ha_enabled: false, active_time: '0001-01-01T00:00:00Z' };

/** Vault's own TestStatusFormat fixture (command/base/format_test.go). */
const mockSeal = (empty: boolean): SealStatusInput => ({
  type: 'type',
  initialized: true,
  sealed: true,
  t: 1,
  n: 2,
  progress: 3,
  nonce: 'nonce',
  version: 'version',
  build_date: 'build date',
  migration: true,
  recovery_seal: true,
  recovery_seal_type: 'type',
  ...(empty
    ? {}
    : {
        cluster_name: 'cluster name',
        cluster_id: 'cluster id',
        storage_type: 'storage type',
        warnings: ['warning'],
      }),
});
const mockLeader = (empty: boolean): LeaderInput =>
  empty
    ? { ha_enabled: false }
    : {
        ha_enabled: true,
        is_self: true,
        active_time: '0001-01-01T00:00:00Z',
        leader_address: 'leader address',
        leader_cluster_address: 'leader cluster address',
        performance_standby: true,
        performance_standby_last_remote_wal: 1,
        last_wal: 2,
        raft_committed_index: 3,
        raft_applied_index: 4,
      };

describe('vault status', () => {
  test('a dev server (reference transcript)', () => {
    expect(status(devSeal, noHa)).toEqual({
      code: 0,
      err: '',
      out: `Key             Value
---             -----
Seal Type       shamir
Initialized     true
Sealed          false
Total Shares    1
Threshold       1
Version         1.18.3
Build Date      2024-12-16T14:00:53Z
Storage Type    inmem
Cluster Name    vault-cluster-ad434f69
Cluster ID      965c5f00-0fae-b197-9b64-24ac171720a0
HA Enabled      false
`,
    });
  });

  test("Vault's TestStatusFormat, all fields (sealed, so exit 2)", () => {
    expect(status(mockSeal(false), mockLeader(false))).toEqual({
      code: 2,
      err: '',
      out: `Key                           Value
---                           -----
Seal Type                     type
Recovery Seal Type            type
Initialized                   true
Sealed                        true
Total Recovery Shares         2
Threshold                     1
Unseal Progress               3/1
Unseal Nonce                  nonce
Seal Migration in Progress    true
Version                       version
Build Date                    build date
Storage Type                  storage type
Cluster Name                  cluster name
Cluster ID                    cluster id
HA Enabled                    true
Raft Committed Index          3
Raft Applied Index            4
Last WAL                      2
Warnings                      [warning]
`,
    });
  });

  test("Vault's TestStatusFormat, omitempty fields empty", () => {
    expect(status(mockSeal(true), mockLeader(true)).out).toBe(`Key                           Value
---                           -----
Seal Type                     type
Recovery Seal Type            type
Initialized                   true
Sealed                        true
Total Recovery Shares         2
Threshold                     1
Unseal Progress               3/1
Unseal Nonce                  nonce
Seal Migration in Progress    true
Version                       version
Build Date                    build date
Storage Type                  n/a
HA Enabled                    false
`);
  });

  test('HA rows: an active node, then a standby with no known leader', () => {
    const common = `Seal Type               shamir
Initialized             true
Sealed                  false
Total Shares            1
Threshold               1
Version                 1.18.3
Build Date              2024-12-16T14:00:53Z
Storage Type            inmem
Cluster Name            vault-cluster-ad434f69
Cluster ID              965c5f00-0fae-b197-9b64-24ac171720a0
HA Enabled              true
HA Cluster              https://10.0.0.1:8201
`;
    const active = status(devSeal, {
      ha_enabled: true,
      is_self: true,
      active_time: '2024-05-01T10:00:00.5Z',
      leader_cluster_address: 'https://10.0.0.1:8201',
      raft_committed_index: 42,
      raft_applied_index: 42,
    });
    expect(active.out).toBe(`Key                     Value
---                     -----
${common}HA Mode                 active
Active Since            2024-05-01T10:00:00.5Z
Raft Committed Index    42
Raft Applied Index      42
`);
    const standby = status(devSeal, {
      ha_enabled: true,
      is_self: false,
      leader_cluster_address: 'https://10.0.0.1:8201',
    });
    expect(standby.out).toBe(`Key                    Value
---                    -----
Seal Type              shamir
Initialized            true
Sealed                 false
Total Shares           1
Threshold              1
Version                1.18.3
Build Date             2024-12-16T14:00:53Z
Storage Type           inmem
Cluster Name           vault-cluster-ad434f69
Cluster ID             965c5f00-0fae-b197-9b64-24ac171720a0
HA Enabled             true
HA Cluster             https://10.0.0.1:8201
HA Mode                standby
Active Node Address    <none>
`);
  });

  test('json: SealStatusOutput, omitempty honoured, active_time always present', () => {
    expect(status(devSeal, noHa, 'json').out).toBe(`{
  "type": "shamir",
  "initialized": true,
  "sealed": false,
  "t": 1,
  "n": 1,
  "progress": 0,
  "nonce": "",
  "version": "1.18.3",
  "build_date": "2024-12-16T14:00:53Z",
  "migration": false,
  "cluster_name": "vault-cluster-ad434f69",
  "cluster_id": "965c5f00-0fae-b197-9b64-24ac171720a0",
  "recovery_seal": false,
  "storage_type": "inmem",
  "ha_enabled": false,
  "active_time": "0001-01-01T00:00:00Z"
}
`);
  });

  test('yaml: sorted keys, the zero time quoted', () => {
    expect(status(devSeal, noHa, 'yaml').out).toBe(`active_time: "0001-01-01T00:00:00Z"
build_date: "2024-12-16T14:00:53Z"
cluster_id: 965c5f00-0fae-b197-9b64-24ac171720a0
cluster_name: vault-cluster-ad434f69
ha_enabled: false
initialized: true
migration: false
"n": 1
nonce: ""
progress: 0
recovery_seal: false
sealed: false
storage_type: inmem
t: 1
type: shamir
version: 1.18.3
`);
  });
});
