import type { CommandSpec } from '../../command.js';
import { operatorGenerateRootCommand } from './generate-root.js';
import { operatorInitCommand } from './init.js';
import { operatorKeyStatusCommand } from './key-status.js';
import { operatorRekeyCommand } from './rekey.js';
import { operatorRotateCommand } from './rotate.js';
import { operatorSealCommand } from './seal.js';
import { operatorStepDownCommand } from './step-down.js';
import { operatorUnsealCommand } from './unseal.js';

/** The `hvr operator` commands. */
export const operatorCommands: readonly CommandSpec[] = [
  operatorInitCommand,
  operatorUnsealCommand,
  operatorSealCommand,
  operatorGenerateRootCommand,
  operatorRekeyCommand,
  operatorStepDownCommand,
  operatorKeyStatusCommand,
  operatorRotateCommand,
];
