import { parseDurationSeconds } from '../../../gocompat/duration.js';
import { type CommandContext, type CommandSpec, checkArgs, type ExitCode } from '../../command.js';
import { FORMAT_ONLY, HTTP_FLAGS } from '../../common-flags.js';
import { flagString } from '../../flags.js';

const STATES = [
  'stream-wals',
  'merkle-sync',
  'merkle-diff',
  'idle',
  'running',
  'primary',
  'secondary',
] as const;

interface Progress {
  readonly done: boolean;
  readonly line: string;
  readonly status: Record<string, unknown>;
}

/**
 * `hvr replication wait`: blocks until this cluster's DR replication reaches a state
 * (stream-wals by default) and, for a secondary, its last_remote_wal has caught up with the
 * last_wal its primary reported when the wait began. For scripts: exit 0 reached, 2 timeout.
 */
export const replicationWaitCommand: CommandSpec = {
  name: 'replication wait',
  summary: 'Wait until DR replication reaches a state (stream-wals by default)',
  usage: 'hvr replication wait [options]',
  help: 'States: stream-wals, merkle-diff, merkle-sync, idle (secondary `state`);\nprimary or secondary (the cluster `mode`); running (a primary).\n\n    $ hvr replication wait -timeout=2m && echo in sync',
  flags: [
    ...HTTP_FLAGS,
    ...FORMAT_ONLY,
    {
      name: 'state',
      type: 'string',
      default: 'stream-wals',
      usage: 'The state to wait for.',
      completions: STATES,
    },
    { name: 'timeout', type: 'string', default: '5m', usage: 'Give up after this long (exit 2).' },
    { name: 'interval', type: 'string', default: '250ms', usage: 'How often to poll.' },
  ],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    const target = flagString(ctx.flags, 'state') ?? 'stream-wals';
    if (!(STATES as readonly string[]).includes(target)) {
      return ctx.out.usageError(`Invalid -state "${target}": use one of ${STATES.join(', ')}`);
    }
    let timeoutMs: number;
    let intervalMs: number;
    try {
      timeoutMs = parseDurationSeconds(flagString(ctx.flags, 'timeout') ?? '5m') * 1000;
      intervalMs = Math.max(50, parseDurationMs(flagString(ctx.flags, 'interval') ?? '250ms'));
    } catch (error) {
      return ctx.out.usageError(`Error: ${(error as Error).message}`);
    }
    return wait(ctx, target, timeoutMs, intervalMs);
  },
};

const PROGRESS_EVERY_MS = 5_000;
const DISABLED_GRACE_MS = 3_000;

function parseDurationMs(text: string): number {
  const ms = /^(\d+)ms$/.exec(text);
  return ms ? Number(ms[1]) : parseDurationSeconds(text) * 1000;
}

async function wait(
  ctx: CommandContext,
  target: string,
  timeoutMs: number,
  intervalMs: number,
): Promise<ExitCode> {
  const deadline = Date.now() + timeoutMs;
  const client = await ctx.client();
  const statusOf = async (c: typeof client): Promise<Record<string, unknown>> => {
    const res = await c.send({ method: 'GET', path: 'sys/replication/dr/status', token: '' });
    const parsed = JSON.parse(res.text) as { data?: Record<string, unknown> };
    return parsed.data ?? {};
  };
  let goalWal: number | undefined;
  const spinner = await startSpinner(ctx);
  let last: Progress | undefined;
  // Without a terminal there is no spinner: a progress line every few seconds instead, so a
  // CI log shows what is being waited on.
  const started = Date.now();
  let lastLine = started;
  let disabledSince: number | undefined;
  try {
    while (Date.now() < deadline) {
      const status = await statusOf(client).catch(
        (error: Error) => ({ error: error.message }) as Record<string, unknown>,
      );
      if (goalWal === undefined && status.mode === 'secondary') goalWal = await primaryLastWal(status);
      last = progress(status, target, goalWal);
      spinner?.update(last.line);
      if (!spinner && !last.done && Date.now() - lastLine >= PROGRESS_EVERY_MS) {
        lastLine = Date.now();
        const remote = status.last_remote_wal;
        const lag =
          typeof remote === 'number' && goalWal !== undefined ? `, lag ${Math.max(0, goalWal - remote)}` : '';
        ctx.streams.stderr.write(`waiting for ${target}: ${last.line}${lag}\n`);
      }
      // A cluster with DR replication off will not get there: say so instead of waiting it out
      // (a moment's grace covers a wait started right after an enable).
      if (status.mode === 'disabled' && target !== 'primary' && target !== 'secondary') {
        disabledSince ??= Date.now();
        if (Date.now() - disabledSince >= DISABLED_GRACE_MS || Date.now() - started >= DISABLED_GRACE_MS) {
          spinner?.stop();
          return ctx.out.apiError(
            `DR replication is not enabled on ${client.address} (mode disabled); enable it as a primary or secondary first`,
          );
        }
      } else disabledSince = undefined;
      if (last.done) {
        spinner?.stop();
        if (ctx.out.format !== 'table') return ctx.out.data(status);
        ctx.out.info(`Success! ${last.line}`);
        return 0;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  } finally {
    spinner?.stop();
  }
  if (ctx.out.format !== 'table' && last) ctx.out.data(last.status);
  return ctx.out.apiError(
    `Timed out waiting for DR replication to reach ${target}${last ? `: ${last.line}` : ''}`,
  );
}

/** The primary's last_wal, asked of the API address the secondary reports for it (status is unauthenticated). */
async function primaryLastWal(status: Record<string, unknown>): Promise<number | undefined> {
  const primaries = Array.isArray(status.primaries) ? (status.primaries as Record<string, unknown>[]) : [];
  const addr = typeof primaries[0]?.api_address === 'string' ? primaries[0].api_address : '';
  if (!/^https?:\/\//.test(addr)) return undefined;
  try {
    const { request } = await import('undici');
    const res = await request(`${addr}/v1/sys/replication/dr/status`, {
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    const data = ((await res.body.json()) as { data?: Record<string, unknown> }).data ?? {};
    return typeof data.last_wal === 'number' ? data.last_wal : undefined;
  } catch {
    return undefined;
  }
}

function progress(status: Record<string, unknown>, target: string, goalWal: number | undefined): Progress {
  if (typeof status.error === 'string') return { done: false, line: `waiting: ${status.error}`, status };
  const mode = String(status.mode ?? 'unknown');
  const state = String(status.state ?? '');
  const remote = typeof status.last_remote_wal === 'number' ? status.last_remote_wal : undefined;
  if (target === 'primary' || target === 'secondary') {
    return { done: mode === target, line: `mode is ${mode}`, status };
  }
  const reachedState = state === target;
  const caughtUp = target !== 'stream-wals' || goalWal === undefined || (remote ?? 0) >= goalWal;
  const wal =
    remote === undefined ? '' : `, last_remote_wal ${remote}${goalWal === undefined ? '' : `/${goalWal}`}`;
  return { done: reachedState && caughtUp, line: `mode ${mode}, state ${state || 'n/a'}${wal}`, status };
}

interface Spinner {
  update(text: string): void;
  stop(): void;
}

/** A spinner on stderr, only when stderr is a terminal (never on stdout). */
async function startSpinner(ctx: CommandContext): Promise<Spinner | undefined> {
  const stderr = ctx.streams.stderr as NodeJS.WriteStream;
  if (!stderr.isTTY) return undefined;
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: stderr, text: 'waiting for replication' }).start();
  return {
    update: (text) => {
      spinner.text = text;
    },
    stop: () => spinner.stop(),
  };
}
