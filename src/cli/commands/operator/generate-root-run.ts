import type { Client } from '../../../client/client.js';
import type { CommandContext, ExitCode } from '../../command.js';
import { flagBool, flagString } from '../../flags.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { outputData } from '../output-data.js';
import { apiFailure, warn } from './api-failure.js';
import {
  type GenerateRootKind,
  generateRootCancel,
  generateRootInit,
  generateRootStatus,
  generateRootUpdate,
} from './generate-root-api.js';
import {
  asGenerateRootStatus,
  type GenerateRootStatus,
  printGenerateRootStatus,
} from './generate-root-status.js';
import { PasswordReadError, processTerminal, readPassword } from './password-prompt.js';
import { loadPgpKey } from './pgp-key-file.js';
import { decodeRootToken, generateOtp } from './root-token-otp.js';

const wrap = (text: string) => wrapAtLengthWithPadding(text, 0);
const STATUS_FAILED = 'Error getting root generation status';

/** `vault operator generate-root` (command/operator_generate_root.go). */
export async function runOperatorGenerateRoot(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.args.length > 1)
    return ctx.out.usageError(`Too many arguments (expected 0-1, got ${ctx.args.length})`);
  const drToken = flagBool(ctx.flags, 'dr-token');
  const recoveryToken = flagBool(ctx.flags, 'recovery-token');
  if (drToken && recoveryToken) return ctx.out.usageError('Both -recovery-token and -dr-token flags are set');
  let pgpKey = '';
  const pgpFlag = flagString(ctx.flags, 'pgp-key');
  if (pgpFlag !== undefined && pgpFlag !== '') {
    const loaded = await loadPgpKey(pgpFlag);
    if ('error' in loaded)
      return ctx.out.usageError(`invalid value "${pgpFlag}" for flag -pgp-key: ${loaded.error}`);
    pgpKey = loaded.key;
  }
  const client = await ctx.client();
  const kind: GenerateRootKind = drToken ? 'dr' : recoveryToken ? 'recovery' : 'root';
  const otp = flagString(ctx.flags, 'otp') ?? '';
  const decode = flagString(ctx.flags, 'decode') ?? '';
  if (flagBool(ctx.flags, 'generate-otp')) return printOtp(ctx, client, kind);
  if (decode !== '') return decodeToken(ctx, client, kind, decode, otp);
  if (flagBool(ctx.flags, 'cancel')) return cancel(ctx, client, kind);
  if (flagBool(ctx.flags, 'init')) return init(ctx, client, kind, otp, pgpKey);
  if (flagBool(ctx.flags, 'status')) return status(ctx, client, kind);
  return provide(ctx, client, kind, (ctx.args[0] ?? '').trim());
}

/** The attempt's status, or the printed failure (exit 2). */
async function currentStatus(
  ctx: CommandContext,
  client: Client,
  kind: GenerateRootKind,
): Promise<GenerateRootStatus | 2> {
  try {
    return asGenerateRootStatus(await generateRootStatus(client, kind));
  } catch (error) {
    return apiFailure(ctx, STATUS_FAILED, error);
  }
}

async function printOtp(ctx: CommandContext, client: Client, kind: GenerateRootKind): Promise<ExitCode> {
  const s = await currentStatus(ctx, client, kind);
  if (s === 2) return 2;
  const otp = await generateOtp(s.otp_length);
  if (ctx.out.format === 'table') return ctx.out.dataField({ otp }, 'otp');
  return outputData(ctx, { otp, otp_length: otp.length });
}

async function decodeToken(
  ctx: CommandContext,
  client: Client,
  kind: GenerateRootKind,
  encoded: string,
  otp: string,
): Promise<ExitCode> {
  if (otp === '') return ctx.out.usageError('Missing otp: use -otp to supply it');
  const s = await currentStatus(ctx, client, kind);
  if (s === 2) return 2;
  const decoded = decodeRootToken(encoded, otp, s.otp_length);
  if ('error' in decoded) return ctx.out.usageError(decoded.error);
  if (ctx.out.format === 'table') return ctx.out.dataField({ token: decoded.token }, 'token');
  return outputData(ctx, { token: decoded.token });
}

async function cancel(ctx: CommandContext, client: Client, kind: GenerateRootKind): Promise<ExitCode> {
  try {
    await generateRootCancel(client, kind);
  } catch (error) {
    return apiFailure(ctx, 'Error canceling root token generation', error);
  }
  ctx.out.info('Success! Root token generation canceled (if it was started)');
  return 0;
}

async function init(
  ctx: CommandContext,
  client: Client,
  kind: GenerateRootKind,
  otp: string,
  pgpKey: string,
): Promise<ExitCode> {
  if (otp !== '' && pgpKey !== '')
    return ctx.out.usageError('Error initializing: cannot specify both -otp and -pgp-key');
  try {
    return printGenerateRootStatus(
      ctx,
      asGenerateRootStatus(await generateRootInit(client, kind, otp, pgpKey)),
    );
  } catch (error) {
    return apiFailure(ctx, 'Error initializing root generation', error);
  }
}

async function status(ctx: CommandContext, client: Client, kind: GenerateRootKind): Promise<ExitCode> {
  const s = await currentStatus(ctx, client, kind);
  return s === 2 ? 2 : printGenerateRootStatus(ctx, s);
}

/** One key share towards the attempt: from the argument, stdin (`-`) or a hidden prompt. */
async function provide(
  ctx: CommandContext,
  client: Client,
  kind: GenerateRootKind,
  given: string,
): Promise<ExitCode> {
  const s = await currentStatus(ctx, client, kind);
  if (s === 2) return 2;
  if (!s.started) {
    ctx.out.error(
      wrap(
        'No root generation is in progress. Start a root generation by running "vault operator generate-root -init".',
      ),
    );
    warn(
      ctx,
      wrap(
        `If starting root generation using the OTP method and generating your own OTP, the length of the OTP string needs to be ${s.otp_length} characters in length.`,
      ),
    );
    return 1;
  }
  let key = given;
  let nonce = flagString(ctx.flags, 'nonce') ?? '';
  if (key === '-') {
    key = (await ctx.stdin.readAll()) ?? '';
  } else if (key === '') {
    nonce = s.nonce;
    ctx.streams.stdout.write(`Operation nonce: ${nonce}\n`);
    ctx.streams.stdout.write('Unseal Key (will be hidden): ');
    try {
      key = await readPassword(processTerminal());
    } catch (error) {
      if (!(error instanceof PasswordReadError)) throw error;
      ctx.streams.stdout.write('\n');
      if (error.interrupted) return ctx.out.usageError('user canceled');
      return ctx.out.usageError(
        wrap(
          `An error occurred attempting to ask for the unseal key. The raw error message is shown below, but usually this is because you attempted to pipe a value into the command or you are executing outside of a terminal (tty). If you want to pipe the value, pass "-" as the argument to read from stdin. The raw error was: ${error.message}`,
        ),
      );
    }
    ctx.streams.stdout.write('\n');
  }
  key = key.trim();
  if (nonce === '') return ctx.out.usageError('Missing nonce value: specify it via the -nonce flag');
  try {
    return printGenerateRootStatus(
      ctx,
      asGenerateRootStatus(await generateRootUpdate(client, kind, key, nonce)),
    );
  } catch (error) {
    return apiFailure(ctx, 'Error posting unseal key', error);
  }
}
