import type { Client } from '../../../client/client.js';
import type { JsonObject } from '../../../gocompat/json-value.js';
import { type CommandContext, checkArgs, type ExitCode } from '../../command.js';
import { flagBool, flagList, flagString } from '../../flags.js';
import { goStruct } from '../../output/go-value.js';
import { wrapAtLengthWithPadding } from '../../output/text-wrap.js';
import { withoutCurlString } from '../misc/curl-recorder.js';
import { outputData } from '../output-data.js';
import { apiFailure, warn } from './api-failure.js';
import { type InitRequest, initialize, initStatus, sealStatus } from './sys-api.js';

/** Vault's defaults when -key-shares / -key-threshold (or the recovery pair) are not given. */
const DEFAULT_SHARES = 5;
const DEFAULT_THRESHOLD = 3;

const wrap = (text: string) => wrapAtLengthWithPadding(text, 0);

/** `vault operator init` (command/operator_init.go). */
export async function runOperatorInit(ctx: CommandContext): Promise<ExitCode> {
  const bad = checkArgs(ctx, 0, 0);
  if (bad !== undefined) return bad;
  if (intFlag(ctx, 'stored-shares') !== -1)
    warn(ctx, '-stored-shares has no effect and will be removed in Vault 1.3.\n');
  const client = await ctx.client();
  // Vault reads the seal type first (even under -output-curl-string) to pick its defaults.
  let recoverySeal: boolean;
  try {
    recoverySeal = (await withoutCurlString(client, sealStatus)).recovery_seal === true;
  } catch (error) {
    return apiFailure(ctx, undefined, error);
  }
  const req = initRequest(ctx, recoverySeal);
  if (flagBool(ctx.flags, 'status')) return printInitStatus(ctx, client);
  return runInit(ctx, client, req);
}

const intFlag = (ctx: CommandContext, name: string): number => Number(flagString(ctx.flags, name) ?? '0');

function initRequest(ctx: CommandContext, recoverySeal: boolean): InitRequest {
  let shares = intFlag(ctx, 'key-shares');
  let threshold = intFlag(ctx, 'key-threshold');
  let recoveryShares = intFlag(ctx, 'recovery-shares');
  let recoveryThreshold = intFlag(ctx, 'recovery-threshold');
  if (recoverySeal) {
    if (recoveryShares === 0) recoveryShares = DEFAULT_SHARES;
    if (recoveryThreshold === 0) recoveryThreshold = DEFAULT_THRESHOLD;
  } else {
    if (shares === 0) shares = DEFAULT_SHARES;
    if (threshold === 0) threshold = DEFAULT_THRESHOLD;
  }
  const list = (name: string) => (ctx.flags.given.has(name) ? flagList(ctx.flags, name) : null);
  return {
    secret_shares: shares,
    secret_threshold: threshold,
    stored_shares: 0,
    pgp_keys: list('pgp-keys'),
    recovery_shares: recoveryShares,
    recovery_threshold: recoveryThreshold,
    recovery_pgp_keys: list('recovery-pgp-keys'),
    root_token_pgp_key: flagString(ctx.flags, 'root-token-pgp-key') ?? '',
  };
}

/** `-status`: 0 initialised, 2 not, 1 on error (2 is taken). */
async function printInitStatus(ctx: CommandContext, client: Client): Promise<ExitCode> {
  let inited: boolean;
  try {
    inited = await initStatus(client);
  } catch (error) {
    apiFailure(ctx, 'Error checking init status', error);
    return 1;
  }
  if (ctx.out.format === 'table') ctx.out.info(inited ? 'Vault is initialized' : 'Vault is not initialized');
  // api.InitStatusResponse has no JSON tag, so Go prints the field name as declared.
  else outputData(ctx, goStruct([['Initialized', inited]]));
  return inited ? 0 : 2;
}

const strings = (v: JsonObject[string] | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

async function runInit(ctx: CommandContext, client: Client, req: InitRequest): Promise<ExitCode> {
  let resp: JsonObject;
  try {
    resp = await initialize(client, req);
  } catch (error) {
    return apiFailure(ctx, 'Error initializing', error);
  }
  const keys = strings(resp.keys);
  const keysB64 = strings(resp.keys_base64);
  const recoveryKeys = strings(resp.recovery_keys);
  const recoveryB64 = strings(resp.recovery_keys_base64);
  const rootToken = typeof resp.root_token === 'string' ? resp.root_token : '';
  if (ctx.out.format !== 'table') {
    return outputData(
      ctx,
      goStruct([
        ['unseal_keys_b64', keysB64],
        ['unseal_keys_hex', keys],
        ['unseal_shares', keys.length === 0 ? 1 : req.secret_shares],
        ['unseal_threshold', keys.length === 0 ? 1 : req.secret_threshold],
        ['recovery_keys_b64', recoveryB64],
        ['recovery_keys_hex', recoveryKeys],
        ['recovery_keys_shares', req.recovery_shares],
        ['recovery_keys_threshold', req.recovery_threshold],
        ['root_token', rootToken],
      ]),
    );
  }
  const say = (line: string) => ctx.out.info(line);
  keys.forEach((key, i) => {
    say(`Unseal Key ${i + 1}: ${keysB64.length === keys.length ? keysB64[i] : key}`);
  });
  recoveryKeys.forEach((key, i) => {
    say(`Recovery Key ${i + 1}: ${recoveryB64.length === recoveryKeys.length ? recoveryB64[i] : key}`);
  });
  say('');
  say(`Initial Root Token: ${rootToken}`);
  if (keys.length > 0) {
    const t = req.secret_threshold;
    say('');
    say(
      wrap(
        `Vault initialized with ${req.secret_shares} key shares and a key threshold of ${t}. Please securely distribute the key shares printed above. When the Vault is re-sealed, restarted, or stopped, you must supply at least ${t} of these keys to unseal it before it can start servicing requests.`,
      ),
    );
    say('');
    say(
      wrap(
        `Vault does not store the generated root key. Without at least ${t} keys to reconstruct the root key, Vault will remain permanently sealed!`,
      ),
    );
    say('');
    say(
      wrap(
        'It is possible to generate new unseal keys, provided you have a quorum of existing unseal keys shares. See "vault operator rekey" for more information.',
      ),
    );
  } else {
    say('');
    say('Success! Vault is initialized');
  }
  if (recoveryKeys.length > 0) {
    say('');
    say(
      wrap(
        `Recovery key initialized with ${req.recovery_shares} key shares and a key threshold of ${req.recovery_threshold}. Please securely distribute the key shares printed above.`,
      ),
    );
  }
  return 0;
}
