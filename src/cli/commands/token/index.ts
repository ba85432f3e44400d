import type { CommandSpec } from '../../command.js';
import { tokenCapabilitiesCommand } from './capabilities.js';
import { tokenCreateCommand } from './create.js';
import { loginCommand } from './login.js';
import { tokenLookupCommand } from './lookup.js';
import { tokenRenewCommand } from './renew.js';
import { tokenRevokeCommand } from './revoke.js';

/** The `hvr token` commands, and `hvr login`. */
export const tokenCommands: readonly CommandSpec[] = [
  tokenCapabilitiesCommand,
  tokenCreateCommand,
  tokenLookupCommand,
  tokenRenewCommand,
  tokenRevokeCommand,
  loginCommand,
];
