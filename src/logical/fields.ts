import { DurationError, parseDurationSeconds } from '../gocompat/duration.js';
import { parseGoBool } from '../gocompat/parse-bool.js';
import { badRequest, internalError, multiError } from './errors.js';
import type { FieldSpec, FieldType } from './path-spec.js';

/**
 * Request data checked against a path's FieldSpecs, with path captures merged in.
 * Conversion follows Vault's framework: strings to ints/bools/durations where they parse,
 * comma-separated strings to lists, and an error naming the field when they do not.
 */
export class Fields {
  constructor(
    readonly raw: Readonly<Record<string, unknown>>,
    private readonly specs: Readonly<Record<string, FieldSpec>>,
  ) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  /**
   * A handler reads a declared field with the accessor of its declared type: a field
   * declared bool read as a string would skip the declared conversion and its error.
   */
  private declaredAs(name: string, types: readonly FieldType[]): void {
    const declared = this.specs[name]?.type;
    if (declared === undefined || declared === 'raw' || types.includes(declared)) return;
    throw internalError(`field "${name}" is declared ${declared} but read as ${types.join(' or ')}`);
  }

  private value(name: string): unknown {
    const v = this.raw[name];
    if (v === undefined || v === null) return this.specs[name]?.default;
    return v;
  }

  string(name: string): string | undefined {
    this.declaredAs(name, ['string']);
    return reported(() => this.toString(name));
  }

  private toString(name: string): string | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    throw conversionError(name, v, 'expected a string');
  }

  requiredString(name: string, message = `missing ${name}`): string {
    const v = this.string(name);
    if (v === undefined || v === '') throw badRequest(message);
    return v;
  }

  int(name: string): number | undefined {
    this.declaredAs(name, ['int']);
    return reported(() => this.toInt(name));
  }

  private toInt(name: string): number | undefined {
    const v = this.value(name);
    if (v === undefined || v === null || v === '') return undefined;
    // Beyond 2^53 a number no longer holds the integer asked for (Go's int64 would overflow
    // or parse exactly); refuse rather than round.
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    if (typeof v === 'string' && /^[-+]?\d+$/.test(v.trim())) {
      const parsed = Number.parseInt(v, 10);
      if (Number.isSafeInteger(parsed)) return parsed;
      throw conversionError(
        name,
        v,
        `${MAPSTRUCTURE_INT}strconv.ParseInt: parsing ${goQuote(v)}: value out of range`,
      );
    }
    if (typeof v === 'string') {
      throw conversionError(
        name,
        v,
        `${MAPSTRUCTURE_INT}strconv.ParseInt: parsing ${goQuote(v)}: invalid syntax`,
      );
    }
    if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
      throw conversionError(name, v, 'value out of range');
    }
    throw conversionError(name, v, 'expected an integer');
  }

  bool(name: string): boolean | undefined {
    this.declaredAs(name, ['bool']);
    return reported(() => this.toBool(name));
  }

  private toBool(name: string): boolean | undefined {
    const v = this.value(name);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') {
      const parsed = parseGoBool(v.trim());
      if (parsed !== undefined) return parsed;
      throw conversionError(
        name,
        v,
        `${MAPSTRUCTURE_BOOL}strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`,
      );
    }
    throw conversionError(name, v, 'expected a boolean');
  }

  /** Seconds. */
  duration(name: string): number | undefined {
    this.declaredAs(name, ['duration']);
    return reported(() => this.toDuration(name));
  }

  private toDuration(name: string): number | undefined {
    const v = this.value(name);
    if (v === undefined || v === null || v === '') return undefined;
    try {
      return parseDurationSeconds(v);
    } catch (error) {
      if (error instanceof DurationError) throw conversionError(name, v, error.message);
      throw error;
    }
  }

  map(name: string): Record<string, unknown> | undefined {
    this.declaredAs(name, ['map']);
    return reported(() => this.toMap(name));
  }

  private toMap(name: string): Record<string, unknown> | undefined {
    const v = this.value(name);
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    if (typeof v === 'string') {
      try {
        const parsed: unknown = JSON.parse(v);
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
          return parsed as Record<string, unknown>;
        }
      } catch {
        // fall through to the conversion error below
      }
    }
    throw conversionError(name, v, 'expected a map');
  }

  /** A list of strings: a JSON array, or a comma-separated string (Vault's TypeCommaStringSlice). */
  strings(name: string): string[] | undefined {
    this.declaredAs(name, ['string-list', 'comma-string-list']);
    return reported(() => this.toStrings(name));
  }

  private toStrings(name: string): string[] | undefined {
    const v = this.value(name);
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) {
      return v.flatMap((item) => {
        if (typeof item === 'string') return splitComma(item);
        if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint')
          return [String(item)];
        throw conversionError(name, v, 'expected a list of strings');
      });
    }
    if (typeof v === 'string') return splitComma(v);
    if (typeof v === 'number' || typeof v === 'bigint') return [String(v)];
    throw conversionError(name, v, 'expected a list of strings');
  }

  /**
   * framework.FieldData.Validate: every declared field present in the request converts to its
   * declared type. Returns Vault's message for the first that does not.
   */
  validate(): string | undefined {
    for (const [name, value] of Object.entries(this.raw)) {
      const spec = this.specs[name];
      if (!spec || value === undefined || value === null) continue;
      try {
        this.convert(name, spec.type);
      } catch (error) {
        if (error instanceof FieldConversion) return error.message;
        throw error;
      }
    }
    return undefined;
  }

  private convert(name: string, type: FieldType): unknown {
    switch (type) {
      case 'string':
        return this.toString(name);
      case 'int':
        return this.toInt(name);
      case 'bool':
        return this.toBool(name);
      case 'duration':
        return this.toDuration(name);
      case 'map':
        return this.toMap(name);
      case 'string-list':
      case 'comma-string-list':
        return this.toStrings(name);
      case 'raw':
        return this.raw[name];
    }
  }

  /** Keys of the raw data that no FieldSpec declares. */
  unknownKeys(): string[] {
    return Object.keys(this.raw).filter((k) => !(k in this.specs));
  }
}

const splitComma = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The input as the message shows it; bigint (integers past 2^53) and cycles never throw. */
const describeInput = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
    );
  } catch {
    return String(value);
  }
};

/**
 * mapstructure.WeakDecode's wording for a string that does not parse (the name is empty:
 * FieldData decodes the bare value), followed by strconv's error.
 */
const MAPSTRUCTURE_INT = "cannot parse '' as int: ";
const MAPSTRUCTURE_BOOL = "cannot parse '' as bool: ";

/** Go's %q for the strings a request carries. */
const goQuote = (text: string): string => JSON.stringify(text);

/** A value that does not convert to its field's type; the message is Vault's Validate text. */
class FieldConversion extends Error {}

const conversionError = (name: string, value: unknown, reason: string) =>
  new FieldConversion(`error converting input ${describeInput(value)} for field "${name}": ${reason}`);

/** Read outside Validate (defaults, undeclared keys): the core's multierror form, as before. */
function reported<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof FieldConversion) throw badRequest(multiError([error.message]));
    throw error;
  }
}
