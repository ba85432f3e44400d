import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { settingFlags, TOKEN_TYPE_FLAG, ttlFlags } from '../secrets/mount-flags.js';
import { AUTH_METHOD, tuneMount } from '../secrets/mount-kind.js';
import { USER_LOCKOUT_FLAGS, userLockoutTune } from './lockout-flags.js';

export const authTuneCommand: CommandSpec = {
  name: 'auth tune',
  summary: 'Tunes an auth method configuration',
  usage: 'hvr auth tune [options] PATH',
  help: [
    'Tunes the configuration options for the auth method at the given PATH. The',
    'argument corresponds to the PATH where the auth method is enabled, not the',
    'TYPE!',
    '',
    'Tune the default lease for the github auth method:',
    '',
    '    $ hvr auth tune -default-lease-ttl=72h github/',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...ttlFlags('auth method'),
    {
      name: 'description',
      type: 'string',
      usage:
        'Human-friendly description of this auth method. This overrides the current stored value, if any.',
    },
    TOKEN_TYPE_FLAG,
    ...settingFlags('auth method'),
    ...USER_LOCKOUT_FLAGS,
  ],
  run: (ctx) => tuneMount(ctx, AUTH_METHOD, userLockoutTune),
};
