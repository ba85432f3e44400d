import { type CommandSpec, checkArgs } from '../command.js';
import { FORMAT_ONLY, HTTP_FLAGS, OUTPUT_FLAGS } from '../common-flags.js';
import type { LeaderInput, SealStatusInput } from '../output/seal-status.js';
import { requestFailed } from './request-error.js';

export const unwrapCommand: CommandSpec = {
  name: 'unwrap',
  summary: 'Unwrap a wrapped secret',
  usage: 'hvr unwrap [options] [TOKEN]',
  // command/unwrap.go Help.
  help: [
    'Unwraps a wrapped secret from Vault by the given token. The result is the',
    'same as the "hvr read" operation on the non-wrapped secret. If no token',
    'is given, the data in the currently authenticated token is unwrapped.',
    '',
    'Unwrap the data in the cubbyhole secrets engine for a token:',
    '',
    '    $ hvr unwrap 3de9ece1-b347-e143-29b0-dc2dc31caafd',
    '',
    'Unwrap the data in the active token:',
    '',
    '    $ hvr login 848f9ccf-7176-098c-5e2b-75a0689d41cd',
    '    $ hvr unwrap # unwraps 848f9ccf...',
    '',
    'For a full list of examples and paths, please see the online documentation.',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 1);
    if (bad !== undefined) return bad;
    const token = ctx.args[0]?.trim();
    let secret: Awaited<ReturnType<Awaited<ReturnType<typeof ctx.logical>>['unwrap']>>;
    try {
      secret = await (await ctx.logical()).unwrap(token, { headers: ctx.callHeaders() });
    } catch (error) {
      return requestFailed(ctx, 'Error unwrapping', error);
    }
    if (secret === null) return ctx.out.apiError('Could not find wrapped response');
    if (ctx.out.fieldName !== undefined) return ctx.out.secret(secret);
    if (secret.data && Array.isArray(secret.data.keys)) return ctx.out.list(secret);
    return ctx.out.secret(secret);
  },
};

export const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'Print seal and HA status',
  usage: 'hvr status [options]',
  // command/status.go Help.
  help: [
    'Prints the current state of Vault including whether it is sealed and if HA',
    'mode is enabled. This command prints regardless of whether the Vault is',
    'sealed.',
    '',
    'The exit code reflects the seal status:',
    '',
    '    - 0 - unsealed',
    '    - 1 - error',
    '    - 2 - sealed',
  ].join('\n'),
  flags: [...HTTP_FLAGS, ...FORMAT_ONLY],
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    const { sealStatus, leader } = await import('../../client/sys-status.js');
    try {
      const client = await ctx.client();
      const seal = await sealStatus(client);
      const lead = await leader(client).catch(() => ({ ha_enabled: false }));
      return ctx.out.status(asSealStatus(seal), asLeader(lead)) === 2 ? 2 : 0;
    } catch (error) {
      const code = requestFailed(ctx, 'Error checking seal status', error);
      return code === 2 ? 1 : code;
    }
  },
};
void OUTPUT_FLAGS;

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** sys/seal-status as the status table reads it; absent fields take Go's zero values. */
function asSealStatus(raw: Readonly<Record<string, unknown>>): SealStatusInput {
  const optional = (key: string) => (typeof raw[key] === 'string' ? { [key]: raw[key] as string } : {});
  return {
    type: str(raw.type),
    initialized: raw.initialized === true,
    sealed: raw.sealed === true,
    t: num(raw.t),
    n: num(raw.n),
    progress: num(raw.progress),
    nonce: str(raw.nonce),
    version: str(raw.version),
    build_date: str(raw.build_date),
    migration: raw.migration === true,
    recovery_seal: raw.recovery_seal === true,
    ...optional('cluster_name'),
    ...optional('cluster_id'),
    ...optional('recovery_seal_type'),
    ...optional('storage_type'),
  };
}

function asLeader(raw: Readonly<Record<string, unknown>>): LeaderInput {
  const optional = (key: string) => (typeof raw[key] === 'string' ? { [key]: raw[key] as string } : {});
  return {
    ha_enabled: raw.ha_enabled === true,
    ...(typeof raw.is_self === 'boolean' ? { is_self: raw.is_self } : {}),
    ...optional('active_time'),
    ...optional('leader_address'),
    ...optional('leader_cluster_address'),
  };
}
