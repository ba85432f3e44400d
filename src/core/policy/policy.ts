/**
 * ACL policy documents: HCL or JSON text (optionally base64-encoded, as sys/policy accepts)
 * → Policy. Errors are 400s worded like Vault's: `failed to parse policy: …`.
 */

import { HvrError, multiError } from '../../logical/errors.js';
import type { Capability } from './capability.js';
import type { ControlGroup } from './control-group.js';
import { parseHcl } from './hcl.js';
import { HclSyntaxError } from './hcl-ast.js';
import { attribute, invalidKeys, keyOf, labeledBlocks, PolicyParseError, readString } from './hcl-decode.js';
import { decodePathRules } from './path-rules.js';

export interface PathRules {
  /** Leading `/` and (without segment wildcards) the trailing `*` removed. */
  readonly path: string;
  /** Deduplicated; exactly ["deny"] when the block denies. */
  readonly capabilities: readonly Capability[];
  /** The path ended in `*` (and has no `+` segments). */
  readonly isPrefix: boolean;
  /** The path has a `+` segment; a trailing `*` is then kept in `path`. */
  readonly hasSegmentWildcards: boolean;
  /** Parameter name (lower-cased) → allowed values; `[]` allows any value, `"*"` any name. */
  readonly allowedParameters?: Readonly<Record<string, readonly unknown[]>>;
  readonly deniedParameters?: Readonly<Record<string, readonly unknown[]>>;
  readonly requiredParameters?: readonly string[];
  /** Seconds. */
  readonly minWrappingTTL?: number;
  /** Seconds. */
  readonly maxWrappingTTL?: number;
  readonly mfaMethods?: readonly string[];
  readonly controlGroup?: ControlGroup;
  readonly subscribeEventTypes?: readonly string[];
  /** The path uses identity templating (`{{identity.entity.id}}`); see ACL. */
  readonly templated?: boolean;
}

export interface Policy {
  readonly name: string;
  /** The policy text as stored and returned by reads (base64 already decoded). */
  readonly raw: string;
  readonly paths: readonly PathRules[];
}

const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['name', 'path']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Vault's sanitizeName: policy names are trimmed and lower-cased. */
export const normalizePolicyName = (name: string): string => name.trim().toLowerCase();

/** sys/policy bodies that decode as standard base64 (newlines ignored, as Go does) are decoded. */
export function decodePolicyText(text: string): string {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact === '' || !BASE64.test(compact)) return text;
  return Buffer.from(compact, 'base64').toString('utf8');
}

export function parsePolicy(name: string, text: string): Policy {
  const raw = decodePolicyText(text);
  try {
    return { name, raw, paths: parseRules(raw) };
  } catch (error) {
    if (error instanceof HclSyntaxError || error instanceof PolicyParseError) {
      throw new HvrError('HVR_BAD_REQUEST', 400, `failed to parse policy: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function parseRules(raw: string): PathRules[] {
  const { root } = parseHcl(raw);
  const bad = invalidKeys(root.items, TOP_LEVEL_KEYS);
  if (bad.length > 0) throw new PolicyParseError(multiError(bad));
  // Vault decodes `name` for the whole document before it looks at any path.
  for (const item of root.items) if (keyOf(item) === 'name') readString(attribute(item), 'name');
  return root.items
    .filter((item) => keyOf(item) === 'path')
    .flatMap((item) => labeledBlocks(item, 'path'))
    .map(decodePathRules);
}
