import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { settingFlags, ttlFlags } from './mount-flags.js';
import { SECRETS_ENGINE, tuneMount } from './mount-kind.js';

export const secretsTuneCommand: CommandSpec = {
  name: 'secrets tune',
  summary: 'Tune a secrets engine configuration',
  usage: 'hvr secrets tune [options] PATH',
  help: [
    'Tunes the configuration options for the secrets engine at the given PATH.',
    'The argument corresponds to the PATH where the secrets engine is enabled,',
    'not the TYPE!',
    '',
    'Tune the default lease for the PKI secrets engine:',
    '',
    '    $ hvr secrets tune -default-lease-ttl=72h pki/',
  ].join('\n'),
  flags: [
    ...HTTP_FLAGS,
    ...ttlFlags('secrets engine'),
    {
      name: 'description',
      type: 'string',
      usage:
        'Human-friendly description of this secret engine. This overrides the current stored value, if any.',
    },
    ...settingFlags('secrets engine'),
  ],
  run: (ctx) => tuneMount(ctx, SECRETS_ENGINE),
};
