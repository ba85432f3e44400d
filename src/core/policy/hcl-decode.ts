/**
 * Typed reads from the HCL tree, with Vault-style messages: `At line:col: field: expected …`.
 * The policy decoder composes these; the errors never leave src/core/policy (parsePolicy
 * turns them into a 400 `failed to parse policy: …`).
 */
import {
  describeValue,
  type HclItem,
  type HclObject,
  type HclPos,
  type HclValue,
  hclToPlain,
} from './hcl-ast.js';

export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
}

export const at = (pos: HclPos, detail: string): PolicyParseError =>
  new PolicyParseError(`At ${pos.line}:${pos.column}: ${detail}`);

/** Go's %q for the strings policies contain. */
export const quote = (text: string): string => JSON.stringify(text);

/** Runs `read`, prefixing any decode error with `prefix` (Vault's multierror.Prefix). */
export function prefixed<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PolicyParseError)
      throw new PolicyParseError(`${prefix} ${error.message}`, { cause: error });
    throw error;
  }
}

/** hclutil.CheckHCLKeys: one message per item whose key is not in `valid`. */
export function invalidKeys(items: readonly HclItem[], valid: ReadonlySet<string>): string[] {
  const messages: string[] = [];
  for (const item of items) {
    const key = item.keys[0];
    if (key === undefined || valid.has(key.name)) continue;
    const line = (item.assign ?? key.pos).line;
    messages.push(`invalid key ${quote(key.name)} on line ${line}`);
  }
  return messages;
}

export const keyOf = (item: HclItem): string => item.keys[0]?.name ?? '';

/** Attributes (`key = value`) take no block labels. */
export function attribute(item: HclItem): HclValue {
  const label = item.keys[1];
  if (label !== undefined) throw at(label.pos, `${keyOf(item)}: unexpected block label ${quote(label.name)}`);
  return item.value;
}

export function readString(value: HclValue, field: string): string {
  if (value.kind !== 'string')
    throw at(value.pos, `${field}: expected a string, got ${describeValue(value)}`);
  return value.value;
}

export function readInteger(value: HclValue, field: string): number {
  if (value.kind !== 'number' || !Number.isInteger(value.value)) {
    throw at(value.pos, `${field}: expected an integer, got ${describeValue(value)}`);
  }
  return value.value;
}

export function readStringList(value: HclValue, field: string): string[] {
  if (value.kind !== 'list')
    throw at(value.pos, `${field}: expected a list of strings, got ${describeValue(value)}`);
  return value.items.map((item, i) => readString(item, `${field}[${i}]`));
}

export function readObject(value: HclValue, field: string): HclObject {
  if (value.kind !== 'object')
    throw at(value.pos, `${field}: expected an object, got ${describeValue(value)}`);
  return value;
}

/** A duration: a Go duration string ("30m") or a number of seconds, parsed later. */
export function readDuration(value: HclValue, field: string): string | number {
  if (value.kind === 'string' || value.kind === 'number') return value.value;
  throw at(
    value.pos,
    `${field}: expected a duration string or a number of seconds, got ${describeValue(value)}`,
  );
}

/**
 * `allowed_parameters = { "key" = [values…] }`: keys to value lists. Repeated keys and
 * repeated maps concatenate, as hashicorp/hcl decodes into an existing map.
 */
export function readParameterMap(value: HclValue, field: string, into: Map<string, unknown[]>): void {
  const object = readObject(value, field);
  for (const item of object.items) {
    const name = keyOf(item);
    const values = attribute(item);
    if (values.kind !== 'list') {
      throw at(
        values.pos,
        `${field}: expected a list of values for ${quote(name)}, got ${describeValue(values)}`,
      );
    }
    into.set(name, [...(into.get(name) ?? []), ...values.items.map(hclToPlain)]);
  }
}

export interface LabeledBlock {
  readonly label: string;
  readonly body: HclObject;
  readonly pos: HclPos;
}

/**
 * The blocks an item stands for: `path "x" { … }` in HCL, or the JSON shapes
 * `"path": {"x": {…}, "y": {…}}` and `"path": [{"x": {…}}, …]`.
 */
export function labeledBlocks(item: HclItem, what: string): LabeledBlock[] {
  const [, label, extra] = item.keys;
  if (extra !== undefined) throw at(extra.pos, `${what}: expected one label, got ${item.keys.length - 1}`);
  if (label !== undefined) return [{ label: label.name, body: readObject(item.value, what), pos: label.pos }];
  return blocksIn(item.value, what);
}

function blocksIn(value: HclValue, what: string): LabeledBlock[] {
  if (value.kind === 'list') return value.items.flatMap((element) => blocksIn(element, what));
  if (value.kind !== 'object') {
    throw at(value.pos, `${what}: expected a block with a label, got ${describeValue(value)}`);
  }
  return value.items.flatMap((entry) => {
    const label = entry.keys[0];
    const body = attribute(entry);
    if (label === undefined) return [];
    const bodies = body.kind === 'list' ? body.items : [body];
    return bodies.map((b) => ({
      label: label.name,
      body: readObject(b, `${what} ${quote(label.name)}`),
      pos: label.pos,
    }));
  });
}
