/**
 * One `path "…" { … }` block → PathRules, following parsePaths in vault/policy.go step by
 * step: key check, decode, leading-slash strip, wildcard rules, legacy `policy`, capabilities
 * (a `deny` discards everything else in the block), parameters, wrapping TTLs.
 */

import { DurationError, parseDurationSeconds } from '../../gocompat/duration.js';
import { multiError } from '../../logical/errors.js';
import { type Capability, isCapability, LEGACY_POLICIES } from './capability.js';
import { type RawControlGroup, readControlGroup, validateControlGroup } from './control-group.js';
import type { HclObject } from './hcl-ast.js';
import {
  attribute,
  invalidKeys,
  keyOf,
  type LabeledBlock,
  PolicyParseError,
  prefixed,
  quote,
  readDuration,
  readObject,
  readParameterMap,
  readString,
  readStringList,
} from './hcl-decode.js';
import type { PathRules } from './policy.js';

const PATH_KEYS: ReadonlySet<string> = new Set([
  'comment',
  'policy',
  'capabilities',
  'allowed_parameters',
  'denied_parameters',
  'required_parameters',
  'min_wrapping_ttl',
  'max_wrapping_ttl',
  'mfa_methods',
  'control_group',
  'subscribe_event_types',
]);

/** Identity templating (`{{identity.entity.id}}`) in a path. */
const TEMPLATE = /\{\{[^{}]+\}\}/;

interface RawPathFields {
  policy: string | undefined;
  readonly capabilities: string[];
  allowed: Map<string, unknown[]> | undefined;
  denied: Map<string, unknown[]> | undefined;
  readonly required: string[];
  minTTL: string | number | undefined;
  maxTTL: string | number | undefined;
  mfa: string[] | undefined;
  controlGroup: RawControlGroup | undefined;
  readonly subscribe: string[];
}

export function decodePathRules(block: LabeledBlock): PathRules {
  const key = block.label;
  const bad = invalidKeys(block.body.items, PATH_KEYS);
  if (bad.length > 0) throw new PolicyParseError(multiError(bad.map((m) => `path ${quote(key)}: ${m}`)));
  const fields = prefixed(`path ${quote(key)}:`, () => readPathFields(block.body));

  let path = key.startsWith('/') ? key.slice(1) : key;
  if (path.includes('+*')) {
    throw new PolicyParseError(`path ${quote(path)}: invalid use of wildcards ('+*' is forbidden)`);
  }
  const hasSegmentWildcards = path === '+' || path.includes('/+') || path.startsWith('+/');
  let isPrefix = false;
  // With segment wildcards the trailing `*` stays in the path; the ACL handles it.
  if (path.endsWith('*') && !hasSegmentWildcards) {
    path = path.slice(0, -1);
    isPrefix = true;
  }
  const base = { path, isPrefix, hasSegmentWildcards, ...(TEMPLATE.test(path) ? { templated: true } : {}) };

  let named = fields.capabilities;
  if (fields.policy !== undefined && fields.policy !== '') {
    const legacy = Object.hasOwn(LEGACY_POLICIES, fields.policy) ? LEGACY_POLICIES[fields.policy] : undefined;
    if (legacy === undefined)
      throw new PolicyParseError(`path ${quote(key)}: invalid policy ${quote(fields.policy)}`);
    named = fields.policy === 'deny' ? ['deny'] : [...named, ...legacy];
  }
  const capabilities: Capability[] = [];
  for (const name of named) {
    if (name === 'deny') return { ...base, capabilities: ['deny'] };
    if (!isCapability(name))
      throw new PolicyParseError(`path ${quote(key)}: invalid capability ${quote(name)}`);
    if (!capabilities.includes(name)) capabilities.push(name);
  }

  const minWrappingTTL = duration(fields.minTTL, 'min_wrapping_ttl');
  const maxWrappingTTL = duration(fields.maxTTL, 'max_wrapping_ttl');
  const controlGroup = fields.controlGroup && validateControlGroup(fields.controlGroup, named);
  if (minWrappingTTL && maxWrappingTTL && maxWrappingTTL < minWrappingTTL) {
    throw new PolicyParseError('max_wrapping_ttl cannot be less than min_wrapping_ttl');
  }
  return {
    ...base,
    capabilities,
    ...(fields.allowed && { allowedParameters: lowerCaseKeys(fields.allowed) }),
    ...(fields.denied && { deniedParameters: lowerCaseKeys(fields.denied) }),
    ...(fields.required.length > 0 && { requiredParameters: fields.required }),
    ...(minWrappingTTL !== undefined && { minWrappingTTL }),
    ...(maxWrappingTTL !== undefined && { maxWrappingTTL }),
    ...(fields.mfa && { mfaMethods: fields.mfa }),
    ...(controlGroup && { controlGroup }),
    ...(fields.subscribe.length > 0 && { subscribeEventTypes: fields.subscribe }),
  };
}

/** The decode phase: types only. Repeated list keys concatenate, scalars keep the last. */
function readPathFields(body: HclObject): RawPathFields {
  const fields: RawPathFields = {
    policy: undefined,
    capabilities: [],
    allowed: undefined,
    denied: undefined,
    required: [],
    minTTL: undefined,
    maxTTL: undefined,
    mfa: undefined,
    controlGroup: undefined,
    subscribe: [],
  };
  for (const item of body.items) {
    const key = keyOf(item);
    const value = () => attribute(item);
    switch (key) {
      case 'policy':
        fields.policy = readString(value(), key);
        break;
      case 'capabilities':
        fields.capabilities.push(...readStringList(value(), key));
        break;
      case 'allowed_parameters':
        fields.allowed ??= new Map();
        readParameterMap(value(), key, fields.allowed);
        break;
      case 'denied_parameters':
        fields.denied ??= new Map();
        readParameterMap(value(), key, fields.denied);
        break;
      case 'required_parameters':
        fields.required.push(...readStringList(value(), key));
        break;
      case 'min_wrapping_ttl':
        fields.minTTL = readDuration(value(), key);
        break;
      case 'max_wrapping_ttl':
        fields.maxTTL = readDuration(value(), key);
        break;
      case 'mfa_methods':
        fields.mfa = [...(fields.mfa ?? []), ...readStringList(value(), key)];
        break;
      case 'control_group':
        fields.controlGroup ??= { ttl: undefined, factors: [] };
        readControlGroup(readObject(value(), key), fields.controlGroup);
        break;
      case 'subscribe_event_types':
        fields.subscribe.push(...readStringList(value(), key));
        break;
      default: // `comment`: any value, never decoded
    }
  }
  return fields;
}

function duration(value: string | number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDurationSeconds(value);
  } catch (error) {
    if (error instanceof DurationError)
      throw new PolicyParseError(`error parsing ${field}: ${error.message}`);
    throw error;
  }
}

/** Vault stores parameter names lower-cased and compares request keys lower-cased. */
function lowerCaseKeys(map: ReadonlyMap<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries([...map].map(([name, values]) => [name.toLowerCase(), values]));
}
