/**
 * The values Vault's CLI formats, as Go holds them: JSON data from the wire (maps, slices,
 * strings, `json.Number`s, bools, nil) plus the two things plain JSON cannot say — a struct
 * whose fields keep their declared order (api.Secret) and a typed nil (`[]string(nil)` prints
 * `[]` with %v but `null` in JSON).
 */
const structTag: unique symbol = Symbol('go-struct');
const nilTag: unique symbol = Symbol('go-typed-nil');

export interface GoStruct {
  readonly [structTag]: true;
  readonly fields: readonly (readonly [string, unknown])[];
}

export interface GoTypedNil {
  readonly [nilTag]: 'map' | 'slice';
}

export const goStruct = (fields: readonly (readonly [string, unknown])[]): GoStruct => ({
  [structTag]: true,
  fields,
});

export const isGoStruct = (value: unknown): value is GoStruct =>
  typeof value === 'object' && value !== null && structTag in value;

export const NIL_MAP: GoTypedNil = { [nilTag]: 'map' };
export const NIL_SLICE: GoTypedNil = { [nilTag]: 'slice' };

export const typedNilKind = (value: unknown): 'map' | 'slice' | undefined =>
  typeof value === 'object' && value !== null && nilTag in value ? (value as GoTypedNil)[nilTag] : undefined;

/** A JSON object (Go `map[string]interface{}`), as opposed to arrays, structs and typed nils. */
export function isGoMap(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (isGoStruct(value) || typedNilKind(value) !== undefined) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The text of a wire number as Vault's `json.Number` keeps it. JSON.parse has already turned
 * it into a double; Go's JSON encoder and JS print doubles the same way (`2764800`, `1.5`,
 * `1e+21`), so this is the text a Go server would have sent.
 */
export const goNumberText = (n: number | bigint): string => String(n);

export const hasOwn = (o: object, key: string): boolean => Object.hasOwn(o, key);
