import type { CommandSpec } from './command.js';

type Loader = () => Promise<CommandSpec>;

/**
 * The commands scripts run in loops, each loadable on its own, so `hvr read` does not load
 * the other 150 command modules (cli/registry.ts, which help and completion use, has them
 * all; a unit test checks each entry here is the registry's own spec under the same name).
 */
export const COMMAND_INDEX: Readonly<Record<string, Loader>> = {
  read: async () => (await import('./commands/read.js')).readCommand,
  write: async () => (await import('./commands/write.js')).writeCommand,
  patch: async () => (await import('./commands/write.js')).patchCommand,
  list: async () => (await import('./commands/list-delete.js')).listCommand,
  delete: async () => (await import('./commands/list-delete.js')).deleteCommand,
  login: async () => (await import('./commands/token/login.js')).loginCommand,
  status: async () => (await import('./commands/unwrap-status.js')).statusCommand,
  unwrap: async () => (await import('./commands/unwrap-status.js')).unwrapCommand,
  'kv get': async () => (await import('./commands/kv/get.js')).kvGetCommand,
  'kv put': async () => (await import('./commands/kv/put.js')).kvPutCommand,
  'kv patch': async () => (await import('./commands/kv/patch.js')).kvPatchCommand,
  'kv list': async () => (await import('./commands/kv/list.js')).kvListCommand,
  'kv delete': async () => (await import('./commands/kv/delete.js')).kvDeleteCommand,
  'kv metadata get': async () => (await import('./commands/kv/metadata-get.js')).kvMetadataGetCommand,
  'token create': async () => (await import('./commands/token/create.js')).tokenCreateCommand,
  'token lookup': async () => (await import('./commands/token/lookup.js')).tokenLookupCommand,
  'token revoke': async () => (await import('./commands/token/revoke.js')).tokenRevokeCommand,
  'token renew': async () => (await import('./commands/token/renew.js')).tokenRenewCommand,
  'token capabilities': async () =>
    (await import('./commands/token/capabilities.js')).tokenCapabilitiesCommand,
  'policy write': async () => (await import('./commands/policy/write.js')).policyWriteCommand,
  'policy read': async () => (await import('./commands/policy/read.js')).policyReadCommand,
  'secrets enable': async () => (await import('./commands/secrets/enable.js')).secretsEnableCommand,
  'auth enable': async () => (await import('./commands/auth/enable.js')).authEnableCommand,
};

const isHelp = (arg: string) => arg === '-h' || arg === '-help' || arg === '--help';

/**
 * The one spec `argv` runs when its leading words name an indexed command and nothing asks
 * for help; undefined sends the caller to the whole registry (global flags first, groups,
 * help, unknown words, every other command).
 */
export async function indexedCommand(argv: readonly string[]): Promise<CommandSpec | undefined> {
  if (argv.some(isHelp)) return undefined;
  for (let words = Math.min(3, argv.length); words > 0; words--) {
    const lead = argv.slice(0, words);
    if (lead.some((w) => w.startsWith('-'))) continue;
    const load = COMMAND_INDEX[lead.join(' ')];
    if (load) return load();
  }
  return undefined;
}
