import type { Client } from '../../../client/client.js';
import { type CommandSpec, checkArgs } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { flagBool } from '../../flags.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { sysCall } from '../operator/sys-api.js';
import { requestFailed } from '../request-error.js';

/**
 * `vault lease revoke` (command/lease_revoke.go) over api.Sys.RevokeWithOptions: PUT
 * sys/leases/revoke/ID, revoke-prefix/ID or revoke-force/ID; `{"sync":…}` unless forced.
 */
export const leaseRevokeCommand: CommandSpec = {
  name: 'lease revoke',
  summary: 'Revokes leases and secrets',
  usage: 'hvr lease revoke [options] ID',
  help: [
    'Revokes secrets by their lease ID. This command can revoke a single secret',
    'or multiple secrets based on a path-matched prefix.',
    '',
    'The default behavior when not using -force is to revoke asynchronously; Vault',
    'will queue the revocation and keep trying if it fails (including across',
    'restarts). The -sync flag can be used to force a synchronous operation, but',
    'it is then up to the caller to retry on failure. Force mode always operates',
    'synchronously.',
    '',
    'Revoke a single lease:',
    '',
    '    $ hvr lease revoke database/creds/readonly/2f6a614c...',
    '',
    'Revoke all leases for a role:',
    '',
    '    $ hvr lease revoke -prefix aws/creds/deploy',
    '',
    'Force delete leases from Vault even if secret engine revocation fails:',
    '',
    '    $ hvr lease revoke -force -prefix consul/creds',
    '',
    'For a full list of examples and paths, please see the documentation that',
    'corresponds to the secret engine in use.',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    {
      name: 'force',
      aliases: ['f'],
      type: 'bool',
      usage:
        'Delete the lease from Vault even if the secret engine revocation fails. This is meant for recovery situations where the secret in the target secret engine was manually removed. If this flag is specified, -prefix is also required.',
    },
    {
      name: 'prefix',
      type: 'bool',
      usage:
        'Treat the ID as a prefix instead of an exact lease ID. This can revoke multiple leases simultaneously.',
    },
    {
      name: 'sync',
      type: 'bool',
      usage: 'Force a synchronous operation; on failure it is up to the client to retry.',
    },
  ],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const force = flagBool(ctx.flags, 'force');
    const prefix = flagBool(ctx.flags, 'prefix');
    const sync = flagBool(ctx.flags, 'sync');
    if (force && !prefix) return ctx.out.usageError('Specifying -force requires also specifying -prefix');
    const leaseID = (ctx.args[0] ?? '').trim();
    const doing = force
      ? `Error force revoking leases with prefix ${leaseID}`
      : prefix
        ? `Error revoking leases with prefix ${leaseID}`
        : `Error revoking lease ${leaseID}`;
    let client: Client;
    try {
      client = await ctx.client();
    } catch (error) {
      return requestFailed(ctx, doing, error);
    }
    if (force) {
      ctx.out.warn(
        wrapAtLengthWithPadding(
          'Warning! Force-removing leases can cause Vault to become out of sync with secret engines!',
          0,
        ),
      );
    }
    const route = force ? 'revoke-force' : prefix ? 'revoke-prefix' : 'revoke';
    try {
      await sysCall(
        client,
        {
          method: 'PUT',
          path: `sys/leases/${route}/${leaseID}`,
          ...(force ? {} : { body: { sync } }),
          headers: ctx.callHeaders(),
        },
        '',
      );
    } catch (error) {
      return requestFailed(ctx, doing, error);
    }
    if (force) ctx.out.info(`Success! Force revoked any leases with prefix: ${leaseID}`);
    else if (sync && prefix) ctx.out.info(`Success! Revoked any leases with prefix: ${leaseID}`);
    else if (sync) ctx.out.info(`Success! Revoked lease: ${leaseID}`);
    else ctx.out.info('All revocation operations queued successfully!');
    return 0;
  },
};
