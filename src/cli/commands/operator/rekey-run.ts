import type { Client } from '../../../client/client.js';
import type { JsonObject } from '../../../gocompat/json-value.js';
import type { CommandContext, ExitCode } from '../../command.js';
import { flagBool, flagList, flagString } from '../../flags.js';
import { columnOutput, tableOutput } from '../../output/columnize.js';
import { goStruct } from '../../output/go-value.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { outputData } from '../output-data.js';
import { apiFailure, warn } from './api-failure.js';
import { PasswordReadError, processTerminal, readPassword } from './password-prompt.js';
import { sysCall } from './sys-api.js';

const wrap = (text: string) => wrapAtLengthWithPadding(text, 0);

const str = (o: JsonObject, k: string) => (typeof o[k] === 'string' ? (o[k] as string) : '');
const num = (o: JsonObject, k: string) => (typeof o[k] === 'number' ? (o[k] as number) : 0);
const strings = (o: JsonObject, k: string) => (Array.isArray(o[k]) ? (o[k] as unknown[]).map(String) : null);

/** api.RekeyStatusResponse, in its declared order. */
const rekeyStatus = (o: JsonObject) =>
  goStruct([
    ['nonce', str(o, 'nonce')],
    ['started', o.started === true],
    ['t', num(o, 't')],
    ['n', num(o, 'n')],
    ['progress', num(o, 'progress')],
    ['required', num(o, 'required')],
    ['pgp_fingerprints', strings(o, 'pgp_fingerprints')],
    ['backup', o.backup === true],
    ['verification_required', o.verification_required === true],
    ['verification_nonce', str(o, 'verification_nonce')],
  ]);

/** api.RekeyVerificationStatusResponse. */
const verifyStatus = (o: JsonObject) =>
  goStruct([
    ['nonce', str(o, 'nonce')],
    ['started', o.started === true],
    ['t', num(o, 't')],
    ['n', num(o, 'n')],
    ['progress', num(o, 'progress')],
  ]);

/** `vault operator rekey` (command/operator_rekey.go), barrier target only. */
export async function runOperatorRekey(ctx: CommandContext): Promise<ExitCode> {
  if (ctx.args.length > 1)
    return ctx.out.usageError(`Too many arguments (expected 0-1, got ${ctx.args.length})`);
  const client = await ctx.client();
  const target = (flagString(ctx.flags, 'target') ?? 'barrier').trim().toLowerCase();
  if (!['barrier', 'recovery', 'hsm'].includes(target))
    return ctx.out.usageError(`Unknown target: ${flagString(ctx.flags, 'target')}`);
  if (flagBool(ctx.flags, 'backup-delete')) return backupDelete(ctx, client);
  if (flagBool(ctx.flags, 'backup-retrieve')) return backupRetrieve(ctx, client);
  if (flagBool(ctx.flags, 'cancel')) return cancel(ctx, client);
  if (flagBool(ctx.flags, 'init')) return init(ctx, client);
  if (flagBool(ctx.flags, 'status')) return status(ctx, client);
  return provide(ctx, client, (ctx.args[0] ?? '').trim());
}

const verifying = (ctx: CommandContext) => flagBool(ctx.flags, 'verify');

/** The API prefix for -target: recovery keys belong to auto-unseal seals, which hvr nodes lack (404). */
const baseOf = (ctx: CommandContext) =>
  (flagString(ctx.flags, 'target') ?? 'barrier').trim().toLowerCase() === 'barrier'
    ? 'sys/rekey'
    : 'sys/rekey-recovery-key';

async function init(ctx: CommandContext, client: Client): Promise<ExitCode> {
  const base = baseOf(ctx);
  const pgpKeys = flagList(ctx.flags, 'pgp-keys');
  let body: JsonObject;
  try {
    body = await sysCall(
      client,
      {
        method: 'PUT',
        path: `${base}/init`,
        body: {
          secret_shares: Number(flagString(ctx.flags, 'key-shares') ?? '5'),
          secret_threshold: Number(flagString(ctx.flags, 'key-threshold') ?? '3'),
          pgp_keys: pgpKeys.length > 0 ? pgpKeys : null,
          backup: flagBool(ctx.flags, 'backup'),
          require_verification: verifying(ctx),
        },
      },
      'api.RekeyStatusResponse',
    );
  } catch (error) {
    return apiFailure(ctx, 'Error initializing rekey', error);
  }
  if (pgpKeys.length === 0 && ctx.out.format === 'table') {
    warn(
      ctx,
      wrap(
        'WARNING! If you lose the keys after they are returned, there is no recovery. Consider canceling this operation and re-initializing with the -pgp-keys flag to protect the returned unseal keys along with -backup to allow recovery of the encrypted keys in case of emergency. You can delete the stored keys later using the -delete flag.',
      ),
    );
    ctx.streams.stdout.write('\n');
  }
  return printStatus(ctx, body, 'rekey');
}

async function cancel(ctx: CommandContext, client: Client): Promise<ExitCode> {
  const base = baseOf(ctx);
  try {
    await sysCall(client, { method: 'DELETE', path: verifying(ctx) ? `${base}/verify` : `${base}/init` }, '');
  } catch (error) {
    return apiFailure(ctx, 'Error canceling rekey', error);
  }
  ctx.out.info('Success! Canceled rekeying (if it was started)');
  return 0;
}

async function fetchStatus(ctx: CommandContext, client: Client): Promise<JsonObject> {
  const base = baseOf(ctx);
  return sysCall(
    client,
    { method: 'GET', path: verifying(ctx) ? `${base}/verify` : `${base}/init` },
    verifying(ctx) ? 'api.RekeyVerificationStatusResponse' : 'api.RekeyStatusResponse',
  );
}

async function status(ctx: CommandContext, client: Client): Promise<ExitCode> {
  let body: JsonObject;
  try {
    body = await fetchStatus(ctx, client);
  } catch (error) {
    return apiFailure(ctx, 'Error reading rekey status', error);
  }
  return printStatus(ctx, body, verifying(ctx) ? 'verify' : 'rekey');
}

/** Vault's printStatus: a `Key | Value` table, or the api struct as JSON/YAML. */
function printStatus(ctx: CommandContext, s: JsonObject, kind: 'rekey' | 'verify'): ExitCode {
  if (ctx.out.format !== 'table') return outputData(ctx, kind === 'rekey' ? rekeyStatus(s) : verifyStatus(s));
  const rows = ['Key | Value', `Nonce | ${str(s, 'nonce')}`, `Started | ${s.started === true}`];
  if (kind === 'rekey') {
    if (s.started === true) {
      const progress = `${num(s, 'progress')}/${num(s, 'required')}`;
      rows.push(
        num(s, 'progress') === num(s, 'required')
          ? `Rekey Progress | ${progress} (verification in progress)`
          : `Rekey Progress | ${progress}`,
        `New Shares | ${num(s, 'n')}`,
        `New Threshold | ${num(s, 't')}`,
        `Verification Required | ${s.verification_required === true}`,
      );
      if (str(s, 'verification_nonce') !== '')
        rows.push(`Verification Nonce | ${str(s, 'verification_nonce')}`);
    }
  } else {
    rows.push(
      `New Shares | ${num(s, 'n')}`,
      `New Threshold | ${num(s, 't')}`,
      `Verification Progress | ${num(s, 'progress')}/${num(s, 't')}`,
    );
  }
  ctx.out.info(tableOutput(rows));
  return 0;
}

/** One key share towards the rekey (or its verification): argument, stdin (`-`) or prompt. */
async function provide(ctx: CommandContext, client: Client, given: string): Promise<ExitCode> {
  const base = baseOf(ctx);
  let s: JsonObject;
  try {
    s = await fetchStatus(ctx, client);
  } catch (error) {
    return apiFailure(ctx, 'Error getting rekey status', error);
  }
  if (s.started !== true) {
    ctx.out.error(
      wrap('No rekey is in progress. Start a rekey process by running "vault operator rekey -init".'),
    );
    return 1;
  }
  let key = given;
  let nonce = str(s, 'nonce');
  if (key === '-') {
    nonce = flagString(ctx.flags, 'nonce') ?? '';
    key = (await ctx.stdin.readAll()) ?? '';
  } else if (key === '') {
    ctx.streams.stdout.write(`Rekey operation nonce: ${nonce}\n`);
    ctx.streams.stdout.write('Unseal Key (will be hidden): ');
    try {
      key = await readPassword(processTerminal());
    } catch (error) {
      if (!(error instanceof PasswordReadError)) throw error;
      ctx.streams.stdout.write('\n');
      return ctx.out.usageError(
        wrap(
          `An error occurred attempting to ask for the unseal key. The raw error message is shown below, but usually this is because you attempted to pipe a value into the command or you are executing outside of a terminal (tty). If you want to pipe the value, pass "-" as the argument to read from stdin. The raw error was: ${error.message}`,
        ),
      );
    }
    ctx.streams.stdout.write('\n');
  } else {
    nonce = flagString(ctx.flags, 'nonce') ?? '';
  }
  key = key.trim();
  if (nonce === '') return ctx.out.usageError('Missing nonce value: specify it via the -nonce flag');
  let resp: JsonObject;
  try {
    resp = await sysCall(
      client,
      { method: 'PUT', path: verifying(ctx) ? `${base}/verify` : `${base}/update`, body: { key, nonce } },
      verifying(ctx) ? 'api.RekeyVerificationUpdateResponse' : 'api.RekeyUpdateResponse',
    );
  } catch (error) {
    return apiFailure(ctx, 'Error posting unseal key', error);
  }
  if (resp.complete !== true) return status(ctx, client);
  if (!verifying(ctx)) return printUnsealKeys(ctx, client, s, resp);
  ctx.out.info(
    wrap('Rekey verification successful. The rekey operation is complete and the new keys are now active.'),
  );
  return 0;
}

async function printUnsealKeys(
  ctx: CommandContext,
  client: Client,
  s: JsonObject,
  resp: JsonObject,
): Promise<ExitCode> {
  const base = baseOf(ctx);
  if (ctx.out.format !== 'table') {
    return outputData(
      ctx,
      goStruct([
        ['nonce', str(resp, 'nonce')],
        ['complete', resp.complete === true],
        ['keys', strings(resp, 'keys')],
        ['keys_base64', strings(resp, 'keys_base64')],
        ['pgp_fingerprints', strings(resp, 'pgp_fingerprints')],
        ['backup', resp.backup === true],
        ['verification_required', resp.verification_required === true],
        ...(str(resp, 'verification_nonce') === ''
          ? []
          : ([['verification_nonce', str(resp, 'verification_nonce')]] as const)),
      ]),
    );
  }
  const keys = strings(resp, 'keys') ?? [];
  const b64 = strings(resp, 'keys_base64');
  const out: string[] = [''];
  keys.forEach((key, i) => {
    out.push(`Key ${i + 1}: ${b64 !== null && b64.length === keys.length ? b64[i] : key}`);
  });
  out.push('', `Operation nonce: ${str(resp, 'nonce')}`);
  const n = num(s, 'n');
  const t = num(s, 't');
  if (s.verification_required !== true) {
    out.push(
      '',
      wrap(
        `Vault unseal keys rekeyed with ${n} key shares and a key threshold of ${t}. Please securely distribute the key shares printed above. When Vault is re-sealed, restarted, or stopped, you must supply at least ${t} of these keys to unseal it before it can start servicing requests.`,
      ),
    );
    ctx.out.info(out.join('\n'));
    return 0;
  }
  out.push(
    '',
    wrap(
      `Vault has created a new unseal key, split into ${n} key shares and a key threshold of ${t}. These will not be active until after verification is complete. Please securely distribute the key shares printed above. When Vault is re-sealed, restarted, or stopped, you must supply at least ${t} of these keys to unseal it before it can start servicing requests.`,
    ),
    '',
  );
  ctx.out.info(out.join('\n'));
  warn(
    ctx,
    wrap(
      'Again, these key shares are _not_ valid until verification is performed. Do not lose or discard your current key shares until after verification is complete or you will be unable to unseal Vault. If you cancel the rekey process or seal Vault before verification is complete the new shares will be discarded and the current shares will remain valid.',
    ),
  );
  ctx.out.info('');
  warn(ctx, wrap('The current verification status, including initial nonce, is shown below.'));
  ctx.out.info('');
  let v: JsonObject;
  try {
    v = await sysCall(
      client,
      { method: 'GET', path: `${base}/verify` },
      'api.RekeyVerificationStatusResponse',
    );
  } catch (error) {
    return apiFailure(ctx, 'Error reading rekey status', error);
  }
  return printStatus(ctx, v, 'verify');
}

async function backupRetrieve(ctx: CommandContext, client: Client): Promise<ExitCode> {
  const base = baseOf(ctx);
  let body: JsonObject;
  try {
    body = await sysCall(client, { method: 'GET', path: `${base}/backup` }, 'api.Secret');
  } catch (error) {
    return apiFailure(ctx, 'Error retrieving rekey stored keys', error);
  }
  if (ctx.out.format !== 'table') return outputData(ctx, body);
  ctx.out.info(columnOutput([`Nonce | ${str(body, 'nonce')}`]));
  return 0;
}

async function backupDelete(ctx: CommandContext, client: Client): Promise<ExitCode> {
  const base = baseOf(ctx);
  try {
    await sysCall(client, { method: 'DELETE', path: `${base}/backup` }, '');
  } catch (error) {
    return apiFailure(ctx, 'Error deleting rekey stored keys', error);
  }
  ctx.out.info('Success! Delete stored keys (if they existed)');
  return 0;
}
