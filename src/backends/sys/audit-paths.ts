import type { Core } from '../../core/core.js';
import { normalizeMountPath } from '../../core/mount-table.js';
import { badRequest } from '../../logical/errors.js';
import type { PathSpec } from '../../logical/path-spec.js';

export function auditPaths(core: Core): PathSpec[] {
  return [
    {
      pattern: 'audit',
      auth: 'sudo',
      synopsis: 'Lists the audit devices.',
      ops: {
        read: async () => {
          const data: Record<string, unknown> = {};
          for (const entry of core.mounts.listAudit()) {
            data[entry.path] = {
              type: entry.type,
              description: entry.description,
              options: entry.options,
              local: entry.local,
              path: entry.path,
            };
          }
          return { data };
        },
      },
    },
    {
      pattern: 'audit/*path',
      auth: 'sudo',
      fields: {
        path: { type: 'string' },
        type: { type: 'string' },
        description: { type: 'string' },
        options: { type: 'map' },
        local: { type: 'bool' },
      },
      synopsis: 'Enables or disables an audit device.',
      ops: {
        update: async (_req, fields) => {
          const type = fields.string('type');
          if (!type) throw badRequest('type is required');
          const options: Record<string, string> = {};
          for (const [k, v] of Object.entries(fields.map('options') ?? {})) options[k] = String(v);
          await core.mounts.enableAudit({
            path: normalizeMountPath(fields.requiredString('path')),
            type,
            description: fields.string('description') ?? '',
            options,
            local: fields.bool('local') ?? false,
          });
          return null;
        },
        delete: async (_req, fields) => {
          await core.mounts.disableAudit(fields.requiredString('path'));
          return null;
        },
      },
    },
    {
      pattern: 'audit-hash/*path',
      fields: { path: { type: 'string' }, input: { type: 'string' } },
      synopsis: 'Hashes a value with an audit device’s salt.',
      ops: {
        update: async (_req, fields) => {
          const path = normalizeMountPath(fields.requiredString('path'));
          return { data: { hash: core.audit.hash(path, fields.string('input') ?? '') } };
        },
      },
    },
  ];
}
