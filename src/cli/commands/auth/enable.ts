import type { CommandSpec } from '../../command.js';
import { checkArgs } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { enableBody } from '../secrets/mount-config.js';
import {
  checkDurations,
  settingFlags,
  TOKEN_TYPE_FLAG,
  ttlFlags,
  withFlagValues,
} from '../secrets/mount-flags.js';
import { AUTH_METHOD, enableTarget } from '../secrets/mount-kind.js';
import { sysPost } from '../secrets/sys-post.js';

export const authEnableCommand: CommandSpec = {
  name: 'auth enable',
  summary: 'Enables a new auth method',
  usage: 'hvr auth enable [options] TYPE',
  help: [
    'Enables a new auth method. An auth method is responsible for authenticating',
    'users or machines and assigning them policies with which they can access',
    'Vault.',
    '',
    'Enable the userpass auth method at userpass/:',
    '',
    '    $ hvr auth enable userpass',
    '',
    'Enable the userpass auth method at people/ with a description:',
    '',
    '    $ hvr auth enable -path=people -description="People" userpass',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    {
      name: 'description',
      type: 'string',
      usage: 'Human-friendly description for the purpose of this auth method.',
    },
    {
      name: 'path',
      type: 'string',
      usage:
        'Place where the auth method will be accessible. This must be unique across all auth methods. ' +
        'This defaults to the "type" of the auth method. The auth method will be accessible at "/auth/<path>".',
    },
    ...ttlFlags('auth method'),
    {
      name: 'plugin-name',
      type: 'string',
      usage:
        "Name of the auth method plugin. This plugin name must already exist in the Vault server's plugin catalog.",
    },
    {
      name: 'local',
      type: 'bool',
      usage:
        'Mark the auth method as local-only. Local auth methods are not replicated nor removed by replication.',
    },
    {
      name: 'seal-wrap',
      type: 'bool',
      usage: 'Enable seal wrapping of critical values in the secrets engine.',
    },
    {
      name: 'external-entropy-access',
      type: 'bool',
      usage: "Enable auth method to access Vault's external entropy source.",
    },
    TOKEN_TYPE_FLAG,
    ...settingFlags('auth method'),
  ],
  run: (ctx) =>
    withFlagValues(ctx.out, async () => {
      checkDurations(ctx.flags, ['default-lease-ttl', 'max-lease-ttl']);
      const bad = checkArgs(ctx, 1, 1);
      if (bad !== undefined) return bad;
      const target = enableTarget(ctx, AUTH_METHOD);
      const body = enableBody(ctx.flags, target.type, false);
      try {
        await sysPost(ctx, `sys/auth/${target.path}`, body);
      } catch (error) {
        return requestFailed(ctx, `Error enabling ${target.type} auth`, error);
      }
      ctx.out.info(`Success! Enabled ${target.shownAs} at: ${target.path}`);
      return 0;
    }),
};
