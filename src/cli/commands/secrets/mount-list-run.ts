import type { Secret } from '../../../client/secret.js';
import { type CommandContext, checkArgs, type ExitCode } from '../../command.js';
import { flagBool } from '../../flags.js';
import { tableOutput } from '../../output/columnize.js';
import { requestFailed } from '../request-error.js';
import { decodeMounts, mountsDocument, mountTableLines } from './mount-list.js';

/** `vault secrets list` and `vault auth list`: GET sys/mounts or sys/auth, then a table or document. */
export async function runMountList(ctx: CommandContext, kind: 'secrets' | 'auth'): Promise<ExitCode> {
  const bad = checkArgs(ctx, 0, 0);
  if (bad !== undefined) return bad;
  const what = kind === 'secrets' ? 'Error listing secrets engines' : 'Error listing enabled authentications';
  let secret: Secret | null;
  try {
    const path = kind === 'secrets' ? 'sys/mounts' : 'sys/auth';
    secret = await (await ctx.logical()).read(path, undefined, { headers: ctx.callHeaders() });
  } catch (error) {
    return requestFailed(ctx, what, error);
  }
  if (!secret?.data) return ctx.out.apiError(`${what}: data from server response is empty`);
  const mounts = decodeMounts(secret.data);
  if (ctx.out.format !== 'table') return ctx.out.data(mountsDocument(mounts));
  ctx.out.info(tableOutput(mountTableLines(mounts, kind, flagBool(ctx.flags, 'detailed'))));
  return 0;
}
