/**
 * A small, strict parser for HCL v1 as Vault policies are written: blocks with labels
 * (`path "secret/*" { … }`), `key = value`, strings, heredocs, numbers, bools, lists and
 * objects, with `#`, `//` and `/* *\/` comments. A document whose first non-space character
 * is `{` is read as JSON, as hashicorp/hcl does. Repeated blocks are kept as repeated items;
 * deciding what repetition means is the decoder's job.
 */
import {
  type HclDocument,
  type HclItem,
  type HclKey,
  type HclObject,
  type HclPos,
  HclSyntaxError,
  type HclValue,
} from './hcl-ast.js';
import { describeToken, Lexer, type LexMode, type Token, type TokenKind } from './hcl-lexer.js';

export function parseHcl(text: string): HclDocument {
  const format = /^[\s\uFEFF]*\{/u.test(text) ? 'json' : 'hcl';
  const parser = new Parser(text, format);
  return { format, root: format === 'json' ? parser.jsonDocument() : parser.hclDocument() };
}

class Parser {
  readonly #lexer: Lexer;
  #peeked: Token | undefined;

  constructor(text: string, mode: LexMode) {
    this.#lexer = new Lexer(text, mode);
  }

  hclDocument(): HclObject {
    return { kind: 'object', items: this.#hclItems(undefined), pos: { line: 1, column: 1 } };
  }

  jsonDocument(): HclObject {
    const open = this.#expect('{', 'a JSON object');
    const root = this.#jsonObject(open.pos);
    const rest = this.#next();
    if (rest.kind !== 'eof') throw unexpected(rest, 'end of input after the JSON object');
    return root;
  }

  #peek(): Token {
    this.#peeked ??= this.#lexer.next();
    return this.#peeked;
  }

  #next(): Token {
    const token = this.#peek();
    this.#peeked = undefined;
    return token;
  }

  #expect(kind: TokenKind, what: string): Token {
    const token = this.#next();
    if (token.kind !== kind) throw unexpected(token, what);
    return token;
  }

  /** Items up to `}` (a block body opened at `open`) or the end of input (the document). */
  #hclItems(open: HclPos | undefined): HclItem[] {
    const items: HclItem[] = [];
    for (;;) {
      const token = this.#peek();
      if (open !== undefined && token.kind === '}') {
        this.#next();
        return items;
      }
      if (token.kind === 'eof') {
        if (open === undefined) return items;
        throw unexpected(token, `'}' to close the block opened at ${open.line}:${open.column}`);
      }
      items.push(this.#hclItem());
      if (this.#peek().kind === ',') this.#next();
    }
  }

  #hclItem(): HclItem {
    const keys: HclKey[] = [];
    for (let token = this.#peek(); token.kind === 'ident' || token.kind === 'string'; token = this.#peek()) {
      this.#next();
      keys.push({ name: token.text, pos: token.pos });
    }
    const last = keys.at(-1);
    if (last === undefined) throw unexpected(this.#next(), 'a key (an identifier or a string)');
    const token = this.#next();
    if (token.kind === '{') return { keys, assign: undefined, value: this.#hclObject(token.pos) };
    if (token.kind === '=' && keys.length === 1) return { keys, assign: token.pos, value: this.#hclValue() };
    if (token.kind === '=') {
      throw new HclSyntaxError(
        token.pos,
        `expected '{' after the block labels of "${keys[0]?.name}", got '='`,
      );
    }
    throw unexpected(token, `'=' or '{' after key ${JSON.stringify(last.name)}`);
  }

  #hclObject(open: HclPos): HclObject {
    return { kind: 'object', items: this.#hclItems(open), pos: open };
  }

  #hclValue(): HclValue {
    const token = this.#next();
    switch (token.kind) {
      case 'string':
      case 'heredoc':
        return { kind: 'string', value: token.text, pos: token.pos };
      case 'number':
        return { kind: 'number', value: token.number, pos: token.pos };
      case '[':
        return this.#list(token.pos, () => this.#hclValue(), true);
      case '{':
        return this.#hclObject(token.pos);
      case 'ident':
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'bool', value: token.text === 'true', pos: token.pos };
        }
        throw unexpected(token, 'a value (string, number, bool, list or object)');
      default:
        throw unexpected(token, 'a value (string, number, bool, list or object)');
    }
  }

  /** `[a, b, c]`; HCL allows a trailing comma, JSON does not. */
  #list(open: HclPos, value: () => HclValue, trailingComma: boolean): HclValue {
    const items: HclValue[] = [];
    if (this.#peek().kind === ']') {
      this.#next();
      return { kind: 'list', items, pos: open };
    }
    for (;;) {
      items.push(value());
      const token = this.#next();
      if (token.kind === ']') return { kind: 'list', items, pos: open };
      if (token.kind !== ',')
        throw unexpected(token, `',' or ']' in the list opened at ${open.line}:${open.column}`);
      if (trailingComma && this.#peek().kind === ']') {
        this.#next();
        return { kind: 'list', items, pos: open };
      }
    }
  }

  #jsonObject(open: HclPos): HclObject {
    const items: HclItem[] = [];
    if (this.#peek().kind === '}') {
      this.#next();
      return { kind: 'object', items, pos: open };
    }
    for (;;) {
      const key = this.#expect('string', 'a string key');
      const colon = this.#expect(':', `':' after key ${JSON.stringify(key.text)}`);
      items.push({ keys: [{ name: key.text, pos: key.pos }], assign: colon.pos, value: this.#jsonValue() });
      const token = this.#next();
      if (token.kind === '}') return { kind: 'object', items, pos: open };
      if (token.kind !== ',') {
        throw unexpected(token, `',' or '}' in the object opened at ${open.line}:${open.column}`);
      }
    }
  }

  #jsonValue(): HclValue {
    const token = this.#next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text, pos: token.pos };
      case 'number':
        return { kind: 'number', value: token.number, pos: token.pos };
      case '[':
        return this.#list(token.pos, () => this.#jsonValue(), false);
      case '{':
        return this.#jsonObject(token.pos);
      case 'ident':
        if (token.text === 'true' || token.text === 'false') {
          return { kind: 'bool', value: token.text === 'true', pos: token.pos };
        }
        if (token.text === 'null') return { kind: 'null', value: null, pos: token.pos };
        throw unexpected(token, 'a JSON value');
      default:
        throw unexpected(token, 'a JSON value');
    }
  }
}

const unexpected = (token: Token, expected: string): HclSyntaxError =>
  new HclSyntaxError(token.pos, `expected ${expected}, got ${describeToken(token)}`);
