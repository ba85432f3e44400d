import type { Secret } from '../../../client/secret.js';
import { goTimeRfc3339Nano, parseGoTime } from '../../../gocompat/time.js';
import type { CommandContext, ExitCode } from '../../command.js';
import { columnOutput } from '../../output/columnize.js';
import { outputData } from '../output-data.js';
import { requestFailed } from '../request-error.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's `t.UTC().Format(time.RFC822)`: `02 Jan 06 15:04 UTC`. */
function rfc822Utc(text: string): string {
  const parsed = parseGoTime(text);
  const date = new Date(parsed ? parsed.rfc3339Nano : text);
  if (Number.isNaN(date.getTime())) return text;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCFullYear() % 100)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

const int = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** api.KeyStatus from a sys/key-status secret, in its field order. */
export function keyStatusOf(secret: Secret | null): {
  term: number;
  install_time: string;
  encryptions: number;
} {
  const data = secret?.data ?? {};
  const installed = typeof data.install_time === 'string' ? data.install_time : '';
  return {
    term: int(data.term),
    install_time: goTimeRfc3339Nano(installed),
    encryptions: int(data.encryptions),
  };
}

/** Vault's printKeyStatus (command/commands.go), or the struct in the document formats. */
export function printKeyStatus(
  ctx: CommandContext,
  status: ReturnType<typeof keyStatusOf>,
  banner?: string,
): ExitCode {
  if (ctx.out.format !== 'table') return outputData(ctx, status);
  if (banner !== undefined) {
    ctx.out.info(banner);
    ctx.out.info('');
  }
  ctx.out.info(
    columnOutput([
      `Key Term | ${status.term}`,
      `Install Time | ${rfc822Utc(status.install_time)}`,
      `Encryption Count | ${status.encryptions}`,
    ]),
  );
  return 0;
}

/** GET sys/key-status and print it (after `successLine` in the table format, as rotate does). */
export async function showKeyStatus(ctx: CommandContext, successLine?: string): Promise<ExitCode> {
  try {
    const secret = await (await ctx.logical()).read('sys/key-status', undefined, {
      headers: ctx.callHeaders(),
    });
    return printKeyStatus(ctx, keyStatusOf(secret), successLine);
  } catch (error) {
    return requestFailed(ctx, 'Error reading key status', error);
  }
}
