/**
 * The syntax tree of the HCL (v1) subset Vault policies use. JSON documents parse into the
 * same tree, so the policy decoder never needs to know which syntax it was given.
 */
export interface HclPos {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
}

export interface HclKey {
  readonly name: string;
  readonly pos: HclPos;
}

/** `key = value`, `key "label" { … }` or (JSON) `"key": value`. */
export interface HclItem {
  /** The key followed by any block labels: `path "secret/*"` → ["path", "secret/*"]. */
  readonly keys: readonly HclKey[];
  /** Where the `=` (or JSON `:`) is; undefined for the block form `key { … }`. */
  readonly assign: HclPos | undefined;
  readonly value: HclValue;
}

export interface HclObject {
  readonly kind: 'object';
  readonly items: readonly HclItem[];
  readonly pos: HclPos;
}

export interface HclList {
  readonly kind: 'list';
  readonly items: readonly HclValue[];
  readonly pos: HclPos;
}

export interface HclScalar<K extends string, T> {
  readonly kind: K;
  readonly value: T;
  readonly pos: HclPos;
}

export type HclValue =
  | HclScalar<'string', string>
  | HclScalar<'number', number>
  | HclScalar<'bool', boolean>
  | HclScalar<'null', null>
  | HclList
  | HclObject;

export interface HclDocument {
  readonly format: 'hcl' | 'json';
  readonly root: HclObject;
}

/** A syntax error; the message reads `At line:column: what was expected`. */
export class HclSyntaxError extends Error {
  override readonly name = 'HclSyntaxError';
  constructor(
    readonly pos: HclPos,
    detail: string,
  ) {
    super(`At ${pos.line}:${pos.column}: ${detail}`);
  }
}

const KIND_NAMES: Readonly<Record<HclValue['kind'], string>> = {
  string: 'a string',
  number: 'a number',
  bool: 'a bool',
  null: 'null',
  list: 'a list',
  object: 'an object',
};

export const describeValue = (value: HclValue): string => KIND_NAMES[value.kind];

/** The plain JavaScript value: objects become records (labels nest), lists arrays. */
export function hclToPlain(value: HclValue): unknown {
  switch (value.kind) {
    case 'list':
      return value.items.map(hclToPlain);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const item of value.items) assignNested(out, item.keys, hclToPlain(item.value));
      return out;
    }
    default:
      return value.value;
  }
}

function assignNested(target: Record<string, unknown>, keys: readonly HclKey[], value: unknown): void {
  const [first, ...rest] = keys;
  if (first === undefined) return;
  if (rest.length === 0) {
    Object.defineProperty(target, first.name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return;
  }
  const existing = Object.hasOwn(target, first.name) ? target[first.name] : undefined;
  const child = isRecord(existing) ? existing : {};
  assignNested(child, rest, value);
  Object.defineProperty(target, first.name, {
    value: child,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
