import type { CommandSpec } from '../../command.js';
import { checkArgs, sanitizePath } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { tuneBody } from './mount-config.js';
import {
  checkDurations,
  ensureTrailingSlash,
  settingFlags,
  ttlFlags,
  withFlagValues,
} from './mount-flags.js';
import { sysPost } from './sys-post.js';

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
  run: (ctx) =>
    withFlagValues(ctx.out, async () => {
      checkDurations(ctx.flags, ['default-lease-ttl', 'max-lease-ttl']);
      const bad = checkArgs(ctx, 1, 1);
      if (bad !== undefined) return bad;
      const mountPath = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
      try {
        const body = tuneBody(ctx.flags);
        await sysPost(ctx, `sys/mounts/${mountPath}tune`, body);
      } catch (error) {
        return requestFailed(ctx, `Error tuning secrets engine ${mountPath}`, error);
      }
      ctx.out.info(`Success! Tuned the secrets engine at: ${mountPath}`);
      return 0;
    }),
};
