import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Core } from '../../core/core.js';
import { badRequest } from '../../logical/errors.js';
import { openApiDocument } from '../../logical/help.js';
import type { PathSpec } from '../../logical/path-spec.js';
import { rawJSON } from './raw-json.js';

interface Migration {
  readonly source_mount: string;
  readonly target_mount: string;
  status: 'in-progress' | 'success' | 'failure';
}

/** `auth/userpass` → ['auth', 'userpass'], `secret` → ['mounts', 'secret']. */
function splitMount(path: string): ['mounts' | 'auth', string] {
  return path.startsWith('auth/') ? ['auth', path.slice('auth/'.length)] : ['mounts', path];
}

/** sys/remount, sys/step-down, sys/ha-status and sys/internal/specs/openapi. */
export function miscPaths(core: Core): PathSpec[] {
  // Vault keeps migration status in memory too (the node forgets it on restart).
  const migrations = new Map<string, Migration>();
  return [
    {
      pattern: 'remount',
      auth: 'sudo',
      synopsis: 'Moves a mounted secrets engine or auth method to a new path.',
      description:
        'Moves the mount at `from` to `to`, keeping its data. Answers with a migration_id whose progress sys/remount/status/:migration_id reports; hvr moves the mount before answering.',
      fields: {
        from: { type: 'string', description: 'The previous mount point.' },
        to: { type: 'string', description: 'The new mount point.' },
      },
      ops: {
        update: async (_req, fields) => {
          const from = fields.requiredString('from', "'from' must be specified");
          const to = fields.requiredString('to', "'to' must be specified");
          const [fromTable, source] = splitMount(from);
          const [toTable, target] = splitMount(to);
          if (fromTable !== toTable)
            throw badRequest('cannot remount between secret engines and auth methods');
          const id = randomUUID();
          const migration: Migration = { source_mount: from, target_mount: to, status: 'in-progress' };
          migrations.set(id, migration);
          try {
            await core.mounts.remount(fromTable, source, target);
            migration.status = 'success';
          } catch (error) {
            migrations.delete(id);
            throw error;
          }
          return { data: { migration_id: id } };
        },
      },
    },
    {
      pattern: 'remount/status/:migration_id',
      auth: 'sudo',
      synopsis: 'The status of a remount.',
      fields: { migration_id: { type: 'string', description: 'The ID of the migration operation.' } },
      ops: {
        read: async (_req, fields) => {
          const id = fields.requiredString('migration_id');
          const migration = migrations.get(id);
          if (!migration) return null;
          return { data: { migration_id: id, migration_info: { ...migration } } };
        },
      },
    },
    {
      pattern: 'step-down',
      auth: 'sudo',
      synopsis: 'Makes the active node step down (a no-op: hvr nodes are not in an HA cluster).',
      description:
        'Vault answers 204 on a node that is not part of an HA cluster, and so does hvr: there is no standby to hand over to.',
      ops: { update: async () => null },
    },
    {
      pattern: 'ha-status',
      synopsis: 'Check the HA status of a Vault cluster',
      description:
        'Vault answers with every node of its HA cluster; an hvr node is a cluster of one, so it answers itself as the active node (Vault getHAMembers).',
      ops: {
        read: async () => ({
          data: {
            nodes: [
              {
                hostname: hostname(),
                api_address: core.apiAddr,
                cluster_address: core.clusterAddr,
                active_node: true,
                last_echo: null,
                echo_duration_ms: 0,
                clock_skew_ms: 0,
                version: core.version,
                replication_primary_canary_age_ms: 0,
              },
            ],
          },
        }),
      },
    },
    {
      pattern: 'internal/specs/openapi',
      auth: 'none',
      synopsis: 'The OpenAPI document of every mounted path.',
      ops: {
        read: async () =>
          rawJSON(
            openApiDocument(
              core.router.all().map((route) => ({ prefix: route.prefix, backend: route.backend })),
              core.version,
            ),
          ),
      },
    },
  ];
}
