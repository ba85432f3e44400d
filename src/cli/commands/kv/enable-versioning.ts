import { type CommandSpec, checkArgs, sanitizePath } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { requestFailed } from '../request-error.js';
import { sysPost } from '../secrets/sys-post.js';

/**
 * `vault kv enable-versioning` (command/kv_enable_versioning.go): Sys().TuneMount with
 * options.version "2"; the body is api.MountConfigInput as Go marshals it.
 */
export const kvEnableVersioningCommand: CommandSpec = {
  name: 'kv enable-versioning',
  summary: 'Turns on versioning for a KV store',
  usage: 'hvr kv enable-versioning [options] KEY',
  help: [
    'This command turns on versioning for the backend at the provided path.',
    '',
    '    $ hvr kv enable-versioning secret',
    '',
    'Additional flags and more advanced use cases are detailed below.',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    const bad = checkArgs(ctx, 1, 1);
    if (bad !== undefined) return bad;
    const mountPath = `${sanitizePath(ctx.args[0] ?? '')}/`;
    try {
      await sysPost(ctx, `sys/mounts/${mountPath}tune`, {
        default_lease_ttl: '',
        max_lease_ttl: '',
        force_no_cache: false,
        options: { version: '2' },
      });
    } catch (error) {
      return requestFailed(ctx, `Error tuning secrets engine ${mountPath}`, error);
    }
    ctx.out.info(`Success! Tuned the secrets engine at: ${mountPath}`);
    return 0;
  },
};
