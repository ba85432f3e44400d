import { setTimeout as sleep } from 'node:timers/promises';
import { type CommandContext, checkArgs, type ExitCode, ensureTrailingSlash } from '../../command.js';
import { isGoMap } from '../../output/go-value.js';
import { sysCall } from '../operator/sys-api.js';
import { requestFailed } from '../request-error.js';

/** Vault polls the migration every 10 seconds (command/secrets_move.go). */
const POLL_MS = 10_000;

/**
 * `vault secrets move` / `vault auth move` (SOURCE DESTINATION, each given a trailing slash
 * and sent as given): Sys().StartRemount (POST sys/remount {from, to}, answering
 * data.migration_id) then Sys().RemountStatus (GET sys/remount/status/:id) until
 * data.migration_info.status is "success" or "failure". `what` is "secrets engine" or
 * "auth method".
 */
export async function moveMount(ctx: CommandContext, what: string): Promise<ExitCode> {
  const bad = checkArgs(ctx, 2, 2);
  if (bad !== undefined) return bad;
  const src = ensureTrailingSlash(ctx.args[0] ?? '');
  const dst = ensureTrailingSlash(ctx.args[1] ?? '');
  let id: string;
  try {
    const started = await sysCall(
      await ctx.client(),
      {
        method: 'POST',
        path: 'sys/remount',
        body: { from: src, to: dst },
        headers: ctx.callHeaders(),
      },
      'api.Secret',
    );
    const data = started.data;
    const raw = isGoMap(data) ? data.migration_id : undefined;
    id = typeof raw === 'string' ? raw : '';
  } catch (error) {
    return requestFailed(ctx, `Error moving ${what} ${src} to ${dst}`, error);
  }
  ctx.out.info(`Started moving ${what} ${src} to ${dst}, with migration ID ${id}`);
  for (;;) {
    let status: unknown;
    try {
      const secret = await (await ctx.logical()).read(`sys/remount/status/${id}`, undefined, {
        headers: ctx.callHeaders(),
      });
      const info = secret?.data?.migration_info;
      status = isGoMap(info) ? info.status : undefined;
    } catch (error) {
      return requestFailed(ctx, `Error checking migration status of ${what} ${src} to ${dst}`, error);
    }
    if (status === 'success') {
      ctx.out.info(`Success! Finished moving ${what} ${src} to ${dst}, with migration ID ${id}`);
      return 0;
    }
    if (status === 'failure') {
      // Vault reports the failure on stderr yet exits 0.
      ctx.out.error(`Failure! Error encountered moving ${what} ${src} to ${dst}, with migration ID ${id}`);
      return 0;
    }
    ctx.out.info(
      `Waiting for terminal status in migration of ${what} ${src} to ${dst}, with migration ID ${id}`,
    );
    await sleep(POLL_MS);
  }
}
