import { goNumberText, isGoMap, isGoStruct, typedNilKind } from '../go-value.js';
import { emitYamlDocument } from './emitter.js';
import { formatGoFloat } from './go-float.js';
import { sortYamlKeys } from './key-order.js';
import { readBackThroughYaml } from './read-back.js';

export { YamlConversionError } from './read-back.js';

import type { YamlNode } from './node.js';
import { isBase60Float, resolvePlain } from './resolve.js';

/**
 * ghodss/yaml `Marshal` as Vault's YAML formatter uses it: the value goes through
 * `json.Marshal`, is read back by yaml.v2 (so struct order is lost and keys are re-sorted,
 * numbers become int/uint/float) and is written by yaml.v2 v2.4.0.
 */
export function goYamlMarshal(value: unknown): string {
  return emitYamlDocument(toNode(readBackThroughYaml(value)));
}

const plain = (value: string): YamlNode => ({ kind: 'scalar', value, style: 'plain' });

/** `encoder.stringv`: literal for multi-line text, plain if it reads back as a string, else quoted. */
function stringNode(s: string): YamlNode {
  if (s.includes('\n')) return { kind: 'scalar', value: s, style: 'literal' };
  const canUsePlain = resolvePlain(s).tag === 'str' && !isBase60Float(s);
  return { kind: 'scalar', value: s, style: canUsePlain ? 'plain' : 'double' };
}

/** A JSON number read by yaml.v2 (`int`, `uint64` or `float64`) and written back. */
function numberNode(n: number | bigint): YamlNode {
  const resolved = resolvePlain(goNumberText(n));
  if (resolved.tag === 'int') return plain(String(resolved.value));
  if (resolved.tag === 'float') return plain(formatGoFloat(resolved.value));
  return plain(goNumberText(n));
}

function mapNode(entries: readonly (readonly [string, unknown])[]): YamlNode {
  const values = new Map(entries);
  const keys = sortYamlKeys([...values.keys()]);
  return { kind: 'map', pairs: keys.map((k) => [stringNode(k), toNode(values.get(k))] as const) };
}

function toNode(value: unknown): YamlNode {
  if (value === null || value === undefined || typedNilKind(value) !== undefined) return plain('null');
  if (typeof value === 'string') return stringNode(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberNode(value);
  if (typeof value === 'boolean') return plain(value ? 'true' : 'false');
  if (Array.isArray(value)) return { kind: 'seq', items: value.map(toNode) };
  if (isGoStruct(value)) return mapNode(value.fields);
  if (isGoMap(value)) return mapNode(Object.entries(value));
  return plain('null');
}
