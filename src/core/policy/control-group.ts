/**
 * `control_group { ttl = "4h" factor "name" { identity { … } controlled_capabilities = […] } }`.
 * Control groups are an Enterprise feature: hvr parses and validates them as Vault's shared
 * policy parser does, and the ACL carries them, but nothing enforces them.
 */

import { DurationError, parseDurationSeconds } from '../../gocompat/duration.js';
import type { HclObject } from './hcl-ast.js';
import {
  attribute,
  keyOf,
  labeledBlocks,
  PolicyParseError,
  readDuration,
  readInteger,
  readObject,
  readStringList,
} from './hcl-decode.js';

export interface ControlGroupFactor {
  readonly name: string;
  readonly groupIds: readonly string[];
  readonly groupNames: readonly string[];
  readonly approvals: number;
  readonly controlledCapabilities: readonly string[];
}

export interface ControlGroup {
  /** Seconds; 0 when not set. */
  readonly ttl: number;
  readonly factors: readonly ControlGroupFactor[];
}

interface RawFactor {
  readonly name: string;
  readonly identity: { groupIds: string[]; groupNames: string[]; approvals: number } | undefined;
  readonly controlledCapabilities: string[];
}

export interface RawControlGroup {
  ttl: string | number | undefined;
  readonly factors: RawFactor[];
}

/** Decode phase (type errors); unknown keys are ignored, as hcl.DecodeObject does. */
export function readControlGroup(body: HclObject, into: RawControlGroup): void {
  for (const item of body.items) {
    const key = keyOf(item);
    if (key === 'ttl') into.ttl = readDuration(attribute(item), 'control_group.ttl');
    if (key === 'factor') {
      for (const block of labeledBlocks(item, 'control_group.factor'))
        into.factors.push(readFactor(block.label, block.body));
    }
  }
}

function readFactor(name: string, body: HclObject): RawFactor {
  const field = `control_group.factor.${name}`;
  let identity: RawFactor['identity'];
  const controlledCapabilities: string[] = [];
  for (const item of body.items) {
    const key = keyOf(item);
    if (key === 'controlled_capabilities') {
      controlledCapabilities.push(...readStringList(attribute(item), `${field}.controlled_capabilities`));
    }
    if (key === 'identity') {
      identity ??= { groupIds: [], groupNames: [], approvals: 0 };
      for (const entry of readObject(attribute(item), `${field}.identity`).items) {
        const value = attribute(entry);
        const sub = keyOf(entry);
        if (sub === 'group_ids')
          identity.groupIds.push(...readStringList(value, `${field}.identity.group_ids`));
        if (sub === 'group_names')
          identity.groupNames.push(...readStringList(value, `${field}.identity.group_names`));
        if (sub === 'approvals') identity.approvals = readInteger(value, `${field}.identity.approvals`);
      }
    }
  }
  return { name, identity, controlledCapabilities };
}

/** Validation phase, with Vault's (unprefixed) messages. */
export function validateControlGroup(raw: RawControlGroup, capabilities: readonly string[]): ControlGroup {
  let ttl = 0;
  if (raw.ttl !== undefined) {
    try {
      ttl = parseDurationSeconds(raw.ttl);
    } catch (error) {
      if (error instanceof DurationError) {
        throw new PolicyParseError(`error parsing control group max ttl: ${error.message}`);
      }
      throw error;
    }
  }
  const factors = raw.factors.map((factor): ControlGroupFactor => {
    const identity = factor.identity;
    if (identity === undefined) throw new PolicyParseError('no control_group factor provided');
    if (identity.approvals <= 0 || (identity.groupIds.length === 0 && identity.groupNames.length === 0)) {
      throw new PolicyParseError('must provide more than one identity group and approvals > 0');
    }
    if (factor.controlledCapabilities.some((c) => !capabilities.includes(c))) {
      throw new PolicyParseError(
        "control group factor capabilities must be a subset of the policy's capabilities",
      );
    }
    return { name: factor.name, ...identity, controlledCapabilities: factor.controlledCapabilities };
  });
  if (factors.length === 0) throw new PolicyParseError('no control group factors provided');
  return { ttl, factors };
}
