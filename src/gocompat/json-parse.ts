import { type JsonObject, type JsonValue, jsonNumberValue } from './json-value.js';

/** A document encoding/json refuses, with Go's error text (`invalid character 'x' ...`). */
export class GoJsonSyntaxError extends Error {
  override readonly name = 'GoJsonSyntaxError';
}

/**
 * JSON.parse, except that integers beyond Number.MAX_SAFE_INTEGER become bigint instead of
 * silently losing digits (as Go's decoder with UseNumber keeps them). Text without a run of
 * 16 digits cannot hold such an integer and takes JSON.parse's fast path.
 */
export function parseLosslessJSON(text: string): unknown {
  if (!/\d{16,}/.test(text)) return JSON.parse(text);
  return parseGoJson(text);
}

/**
 * A strict RFC 8259 parser that keeps big integers exact as `bigint` (see json-value.ts), with
 * Go's encoding/json error wording, which the CLI shows. Node 20 has no `JSON.parse`
 * source-text access, so a reviver cannot recover the digits of a big integer; this parser
 * reads number literals itself. Strings are still decoded by `JSON.parse`, one at a time.
 */
export function parseGoJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.value();
  parser.skipSpace();
  if (parser.pos < text.length) throw parser.fail('after top-level value');
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 10_000;

class Parser {
  pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      this.pos += 1;
    }
  }

  fail(context: string): GoJsonSyntaxError {
    if (this.pos >= this.text.length) return new GoJsonSyntaxError('unexpected end of JSON input');
    const char = String.fromCodePoint(this.text.codePointAt(this.pos) ?? 0);
    return new GoJsonSyntaxError(`invalid character ${goQuoteChar(char)} ${context}`);
  }

  value(): JsonValue {
    const c = this.text.charAt(this.pos);
    switch (c) {
      case '{':
        return this.nested(() => this.object());
      case '[':
        return this.nested(() => this.array());
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number();
        throw this.fail('looking for beginning of value');
    }
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new GoJsonSyntaxError('exceeded max depth');
    const value = parse();
    this.depth -= 1;
    return value;
  }

  private object(): JsonObject {
    const out: JsonObject = {};
    this.pos += 1; // {
    this.skipSpace();
    if (this.text.charAt(this.pos) === '}') {
      this.pos += 1;
      return out;
    }
    for (;;) {
      if (this.text.charAt(this.pos) !== '"') throw this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.text.charAt(this.pos) !== ':') throw this.fail('after object key');
      this.pos += 1;
      this.skipSpace();
      const value = this.value();
      // A "__proto__" key is data, not the prototype.
      Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      this.skipSpace();
      const next = this.text.charAt(this.pos);
      this.pos += 1;
      if (next === '}') return out;
      if (next !== ',') {
        this.pos -= 1;
        throw this.fail('after object key:value pair');
      }
      this.skipSpace();
    }
  }

  private array(): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos += 1; // [
    this.skipSpace();
    if (this.text.charAt(this.pos) === ']') {
      this.pos += 1;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const next = this.text.charAt(this.pos);
      this.pos += 1;
      if (next === ']') return out;
      if (next !== ',') {
        this.pos -= 1;
        throw this.fail('after array element');
      }
      this.skipSpace();
    }
  }

  private string(): string {
    const { text } = this;
    const start = this.pos;
    let escaped = false;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        if (!escaped) return text.slice(start + 1, i);
        try {
          return JSON.parse(text.slice(start, i + 1)) as string;
        } catch (error) {
          this.pos = start;
          throw new GoJsonSyntaxError('invalid escape in string literal', { cause: error });
        }
      }
      if (c === 0x5c) {
        escaped = true;
        i += 1; // the escaped character cannot end the string
      } else if (c < 0x20) {
        this.pos = i;
        throw this.fail('in string literal');
      }
    }
    this.pos = text.length;
    throw this.fail('in string literal');
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) {
      this.pos += 1; // past the '-'
      throw this.fail('in numeric literal');
    }
    this.pos += match[0].length;
    return jsonNumberValue(match[0]);
  }

  private literal<T>(word: string, value: T): T {
    for (let i = 0; i < word.length; i++) {
      if (this.text.charAt(this.pos) !== word.charAt(i)) {
        throw this.fail(`in literal ${word} (expecting ${goQuoteChar(word.charAt(i))})`);
      }
      this.pos += 1;
    }
    return value;
  }
}

/** Go's %q for a rune: 'x', with the quote and backslash escaped. */
function goQuoteChar(char: string): string {
  if (char === "'" || char === '\\') return `'\\${char}'`;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${char}'`;
}
