import type { Core } from '../../core/core.js';
import type { PathSpec } from '../../logical/path-spec.js';

/** Vault's sys/locked-users (logical_system_user_lockout.go), root namespace only. */
export function lockedUsersPaths(core: Core): PathSpec[] {
  return [
    {
      pattern: 'locked-users',
      synopsis: 'Report the locked user count metrics, for this namespace and all child namespaces.',
      fields: {
        mount_accessor: {
          type: 'string',
          description: 'MountAccessor is the auth mount accessor for which locked users are listed',
        },
      },
      ops: {
        read: async (_req, fields) => ({
          data: await core.lockout.lockedUsers(fields.string('mount_accessor') || undefined),
        }),
      },
    },
    {
      pattern: 'locked-users/:mount_accessor/unlock/*alias_identifier',
      synopsis: 'Unlocks the user with given mount_accessor and alias_identifier',
      fields: {
        mount_accessor: {
          type: 'string',
          description: 'MountAccessor is the auth mount accessor of the locked user',
        },
        alias_identifier: {
          type: 'string',
          description:
            'It is the name of the alias (user). For example, if the alias belongs to userpass backend, the name should be a valid username within userpass auth method. If the alias belongs to an approle auth method, the name should be a valid RoleID',
        },
      },
      ops: {
        update: async (_req, fields) => {
          await core.lockout.unlock(
            fields.requiredString('mount_accessor'),
            fields.requiredString('alias_identifier'),
          );
          return null;
        },
      },
    },
  ];
}
