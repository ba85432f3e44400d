import type { CommandSpec } from '../../command.js';
import { checkArgs } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { flagBool } from '../../flags.js';
import { requestFailed } from '../request-error.js';
import { enableBody } from './mount-config.js';
import { checkDurations, settingFlags, ttlFlags, withFlagValues } from './mount-flags.js';
import { enableTarget, SECRETS_ENGINE } from './mount-kind.js';
import { sysPost } from './sys-post.js';

export const secretsEnableCommand: CommandSpec = {
  name: 'secrets enable',
  summary: 'Enable a secrets engine',
  usage: 'hvr secrets enable [options] TYPE',
  help: [
    'Enables a secrets engine. By default, secrets engines are enabled at the path',
    'corresponding to their TYPE, but users can customize the path using the',
    '-path option.',
    '',
    'Once enabled, Vault will route all requests which begin with the path to the',
    'secrets engine.',
    '',
    'Enable the KV (version 2) secrets engine at kv/:',
    '',
    '    $ hvr secrets enable -version=2 kv',
    '',
    'Enable the KV secrets engine at my-kv/ with a description:',
    '',
    '    $ hvr secrets enable -path=my-kv -description="My secrets" kv',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    {
      name: 'description',
      type: 'string',
      usage: 'Human-friendly description for the purpose of this engine.',
    },
    {
      name: 'path',
      type: 'string',
      usage:
        'Place where the secrets engine will be accessible. This must be unique cross all secrets engines. ' +
        'This defaults to the "type" of the secrets engine.',
    },
    ...ttlFlags('secrets engine'),
    {
      name: 'force-no-cache',
      type: 'bool',
      usage:
        "Force the secrets engine to disable caching. If unspecified, this defaults to the Vault server's " +
        'globally configured cache settings. This does not affect caching of the underlying encrypted data storage.',
    },
    {
      name: 'plugin-name',
      type: 'string',
      usage:
        "Name of the secrets engine plugin. This plugin name must already exist in Vault's plugin catalog.",
    },
    {
      name: 'local',
      type: 'bool',
      usage:
        'Mark the secrets engine as local-only. Local engines are not replicated or removed by replication.',
    },
    {
      name: 'seal-wrap',
      type: 'bool',
      usage: 'Enable seal wrapping of critical values in the secrets engine.',
    },
    {
      name: 'external-entropy-access',
      type: 'bool',
      usage: "Enable secrets engine to access Vault's external entropy source.",
    },
    ...settingFlags('secrets engine'),
  ],
  run: (ctx) =>
    withFlagValues(ctx.out, async () => {
      checkDurations(ctx.flags, ['default-lease-ttl', 'max-lease-ttl']);
      const bad = checkArgs(ctx, 1, 1);
      if (bad !== undefined) return bad;
      const target = enableTarget(ctx, SECRETS_ENGINE);
      const body = enableBody(ctx.flags, target.type, flagBool(ctx.flags, 'force-no-cache'));
      try {
        await sysPost(ctx, `sys/mounts/${target.path}`, body);
      } catch (error) {
        return requestFailed(ctx, 'Error enabling', error);
      }
      ctx.out.info(`Success! Enabled the ${target.shownAs} at: ${target.path}`);
      return 0;
    }),
};
