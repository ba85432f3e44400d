import type { CommandContext, CommandSpec } from '../../command.js';
import { HTTP_FLAGS } from '../../common-flags.js';
import { isGoMap } from '../../output/go-value.js';

/** Give up quickly: a dead or slow node must never hang the shell. */
const DEADLINE_MS = 5_000;

/** Commands whose argument is completed from the node, and what they complete. */
const LIVE: Readonly<Record<string, 'paths' | 'folders' | 'policies' | 'mounts' | 'auths'>> = {
  read: 'paths',
  write: 'paths',
  patch: 'paths',
  delete: 'paths',
  list: 'folders',
  'kv get': 'paths',
  'kv put': 'paths',
  'kv patch': 'paths',
  'kv delete': 'paths',
  'kv list': 'folders',
  'kv metadata get': 'paths',
  'policy read': 'policies',
  'policy delete': 'policies',
  'secrets disable': 'mounts',
  'secrets tune': 'mounts',
  'auth disable': 'auths',
  'auth tune': 'auths',
};

/** Whether a command's argument is completed from the node (the shell scripts embed this). */
export const LIVE_COMPLETION_COMMANDS: readonly string[] = Object.keys(LIVE).sort();

async function keysOf(ctx: CommandContext, path: string, list: boolean): Promise<string[]> {
  const api = await ctx.logical();
  const secret = list ? await api.list(path) : await api.read(path);
  if (list) {
    const keys = secret?.data?.keys;
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  }
  return Object.keys(secret?.data ?? {}).filter((k) => k.endsWith('/'));
}

/** Vault's PredictVaultPaths: mounts until a slash, then the keys of the folder typed so far. */
async function predict(ctx: CommandContext, kind: string, word: string): Promise<string[]> {
  switch (kind) {
    case 'policies': {
      const secret = await (await ctx.logical()).read('sys/policy');
      const keys = secret?.data?.keys;
      return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
    }
    case 'mounts':
      return keysOf(ctx, 'sys/mounts', false);
    case 'auths':
      return keysOf(ctx, 'sys/auth', false);
    default: {
      const slash = word.lastIndexOf('/');
      if (slash === -1) return keysOf(ctx, 'sys/mounts', false);
      const folder = word.slice(0, slash + 1);
      // KV v2 keeps its listing under <mount>metadata/, as Vault's predictor knows.
      const mounts = (await (await ctx.logical()).read('sys/mounts'))?.data ?? {};
      const mount = Object.keys(mounts).find((m) => folder.startsWith(m));
      const info = mount === undefined ? undefined : mounts[mount];
      const v2 = isGoMap(info) && info.type === 'kv' && isGoMap(info.options) && info.options.version === '2';
      const listed = v2 && mount !== undefined ? `${mount}metadata/${folder.slice(mount.length)}` : folder;
      const keys = await keysOf(ctx, listed, true).catch(() => []);
      const found = keys.map((k) => `${folder}${k}`);
      return kind === 'folders' ? found.filter((k) => k.endsWith('/')) : found;
    }
  }
}

/**
 * `hvr __complete COMMAND WORD`: what the shell scripts call to complete paths from the live
 * node (or the embedded one), one per line; nothing, quickly, when the node does not answer.
 */
export const completePathsCommand: CommandSpec = {
  name: '__complete',
  summary: '',
  usage: 'hvr __complete COMMAND WORD',
  flags: HTTP_FLAGS,
  hidden: true,
  async run(ctx) {
    const [command = '', word = ''] = ctx.args;
    const kind = LIVE[command];
    if (kind === undefined) return 0;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string[]>((done) => {
      timer = setTimeout(() => done([]), DEADLINE_MS);
    });
    const found = await Promise.race([predict(ctx, kind, word).catch(() => []), late]);
    clearTimeout(timer);
    const matches = found.filter((p) => p.startsWith(word)).sort();
    if (matches.length > 0) ctx.out.info(matches.join('\n'));
    return 0;
  },
};
