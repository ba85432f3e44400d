import type { CommandSpec } from '../../command.js';
import { checkArgs, sanitizePath } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { tuneBody } from '../secrets/mount-config.js';
import {
  checkDurations,
  ensureTrailingSlash,
  settingFlags,
  TOKEN_TYPE_FLAG,
  ttlFlags,
  withFlagValues,
} from '../secrets/mount-flags.js';
import { sysPost } from '../secrets/sys-post.js';

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
  ],
  run: (ctx) =>
    withFlagValues(ctx.out, async () => {
      checkDurations(ctx.flags, ['default-lease-ttl', 'max-lease-ttl']);
      const bad = checkArgs(ctx, 1, 1);
      if (bad !== undefined) return bad;
      const mountPath = ensureTrailingSlash(sanitizePath(ctx.args[0] ?? ''));
      try {
        const body = tuneBody(ctx.flags);
        // Vault's CLI posts to sys/mounts/auth/<path>/tune; sys/auth/<path>/tune is the same
        // endpoint in Vault and the one the hvr node routes.
        await sysPost(ctx, `sys/auth/${mountPath}tune`, body);
      } catch (error) {
        return requestFailed(ctx, `Error tuning auth method ${mountPath}`, error);
      }
      ctx.out.info(`Success! Tuned the auth method at: ${mountPath}`);
      return 0;
    }),
};
