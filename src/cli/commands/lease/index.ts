import type { CommandSpec } from '../../command.js';
import { leaseLookupCommand } from './lookup.js';
import { leaseRenewCommand } from './renew.js';
import { leaseRevokeCommand } from './revoke.js';

/** The `hvr lease` commands. */
export const leaseCommands: readonly CommandSpec[] = [
  leaseLookupCommand,
  leaseRenewCommand,
  leaseRevokeCommand,
];
