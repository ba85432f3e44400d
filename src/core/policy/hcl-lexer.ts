/**
 * Tokens of HCL v1 as Vault policies use it: identifiers, double-quoted strings with Go
 * escapes, heredocs, numbers, punctuation and the three comment styles. In JSON mode only
 * JSON's escapes are accepted and comments and heredocs are not.
 */
import { type HclPos, HclSyntaxError } from './hcl-ast.js';

export type TokenKind =
  | 'ident'
  | 'string'
  | 'heredoc'
  | 'number'
  | '{'
  | '}'
  | '['
  | ']'
  | '='
  | ':'
  | ','
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Identifier name or decoded string; the source text for everything else. */
  readonly text: string;
  readonly number: number;
  readonly pos: HclPos;
}

export type LexMode = 'hcl' | 'json';

const PUNCTUATION = new Set(['{', '}', '[', ']', '=', ':', ',']);
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_.-]/u;
const HCL_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};
/** Escape letter → number of hex digits that follow. */
const HCL_HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };
const JSON_HEX_ESCAPES: Readonly<Record<string, number>> = { u: 4 };
const JSON_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '"': '"',
  '/': '/',
};

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'ident':
      return `identifier ${token.text}`;
    case 'string':
      return `string ${JSON.stringify(token.text)}`;
    case 'heredoc':
      return 'heredoc';
    case 'number':
      return `number ${token.text}`;
    default:
      return `'${token.kind}'`;
  }
}

export class Lexer {
  #offset = 0;
  #line = 1;
  #column = 1;

  constructor(
    private readonly src: string,
    private readonly mode: LexMode,
  ) {
    if (src.startsWith('\uFEFF')) this.#offset = 1;
  }

  next(): Token {
    this.#skipSpaceAndComments();
    const pos = this.#pos();
    const ch = this.src[this.#offset];
    if (ch === undefined) return { kind: 'eof', text: '', number: 0, pos };
    if (PUNCTUATION.has(ch)) {
      this.#advance(1);
      return { kind: ch as TokenKind, text: ch, number: 0, pos };
    }
    if (ch === '"') return this.#string(pos);
    if (ch === '<' && this.mode === 'hcl' && this.src[this.#offset + 1] === '<') return this.#heredoc(pos);
    if (/[0-9]/.test(ch) || (ch === '-' && /[0-9.]/.test(this.src[this.#offset + 1] ?? ''))) {
      return this.#number(pos);
    }
    if (IDENT_START.test(ch)) return this.#ident(pos);
    throw new HclSyntaxError(pos, `illegal character ${JSON.stringify(ch)}`);
  }

  #pos(): HclPos {
    return { line: this.#line, column: this.#column };
  }

  #advance(count: number): void {
    for (let i = 0; i < count; i++) {
      const ch = this.src[this.#offset];
      if (ch === undefined) return;
      this.#offset += 1;
      if (ch === '\n') {
        this.#line += 1;
        this.#column = 1;
      } else {
        this.#column += 1;
      }
    }
  }

  #skipSpaceAndComments(): void {
    for (;;) {
      const ch = this.src[this.#offset];
      if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\f') {
        this.#advance(1);
      } else if (this.mode === 'hcl' && (ch === '#' || this.src.startsWith('//', this.#offset))) {
        while (this.#offset < this.src.length && this.src[this.#offset] !== '\n') this.#advance(1);
      } else if (this.mode === 'hcl' && this.src.startsWith('/*', this.#offset)) {
        const start = this.#pos();
        const end = this.src.indexOf('*/', this.#offset + 2);
        if (end < 0) throw new HclSyntaxError(start, 'comment not terminated: expected "*/"');
        this.#advance(end + 2 - this.#offset);
      } else {
        return;
      }
    }
  }

  #ident(pos: HclPos): Token {
    const start = this.#offset;
    this.#advance(1);
    while (IDENT_PART.test(this.src[this.#offset] ?? '')) this.#advance(1);
    return { kind: 'ident', text: this.src.slice(start, this.#offset), number: 0, pos };
  }

  #number(pos: HclPos): Token {
    const rest = this.src.slice(this.#offset);
    const match = /^-?(?:0[xX][0-9a-fA-F]+|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(rest);
    const text = match?.[0] ?? '';
    const after = rest[text.length] ?? '';
    if (text === '' || text === '-' || IDENT_PART.test(after)) {
      throw new HclSyntaxError(pos, `invalid number ${JSON.stringify(rest.split(/[\s,\]}]/u)[0])}`);
    }
    this.#advance(text.length);
    const negative = text.startsWith('-');
    const body = negative ? text.slice(1) : text;
    const magnitude = /^0[xX]/.test(body) ? Number.parseInt(body.slice(2), 16) : Number(body);
    return { kind: 'number', text, number: negative ? -magnitude : magnitude, pos };
  }

  #string(pos: HclPos): Token {
    this.#advance(1);
    let out = '';
    for (;;) {
      const ch = this.src[this.#offset];
      if (ch === undefined || ch === '\n') {
        throw new HclSyntaxError(pos, "literal not terminated: expected a closing '\"'");
      }
      if (ch === '"') {
        this.#advance(1);
        return { kind: 'string', text: out, number: 0, pos };
      }
      if (ch === '\\') {
        out += this.#escape();
      } else {
        out += ch;
        this.#advance(1);
      }
    }
  }

  #escape(): string {
    const pos = this.#pos();
    const ch = this.src[this.#offset + 1] ?? '';
    const simple = (this.mode === 'hcl' ? HCL_ESCAPES : JSON_ESCAPES)[ch];
    if (simple !== undefined) {
      this.#advance(2);
      return simple;
    }
    const hexDigits = (this.mode === 'hcl' ? HCL_HEX_ESCAPES : JSON_HEX_ESCAPES)[ch];
    if (hexDigits !== undefined) return this.#codePoint(pos, 2, hexDigits, 16, ch === 'u');
    if (this.mode === 'hcl' && /[0-7]/.test(ch)) return this.#codePoint(pos, 1, 3, 8, false);
    throw new HclSyntaxError(pos, `unknown escape sequence "\\${ch}"`);
  }

  #codePoint(pos: HclPos, skip: number, digits: number, radix: 8 | 16, utf16: boolean): string {
    const text = this.src.slice(this.#offset + skip, this.#offset + skip + digits);
    const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
    const code = Number.parseInt(text, radix);
    if (text.length !== digits || !valid.test(text) || code > 0x10ffff || (radix === 8 && code > 0xff)) {
      throw new HclSyntaxError(
        pos,
        `invalid escape sequence "${this.src.slice(this.#offset, this.#offset + skip + digits)}"`,
      );
    }
    this.#advance(skip + digits);
    return utf16 ? String.fromCharCode(code) : String.fromCodePoint(code);
  }

  /** `<<EOF` … `EOF` and `<<-EOF` … `  EOF` (unindented by the closing marker's indent). */
  #heredoc(pos: HclPos): Token {
    const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.src.slice(this.#offset));
    if (!header) {
      throw new HclSyntaxError(pos, 'heredoc expected "<<" or "<<-" then a marker identifier and a newline');
    }
    const indented = header[1] === '-';
    const anchor = header[2] ?? '';
    let cursor = this.#offset + header[0].length;
    const lines: string[] = [];
    for (;;) {
      if (cursor >= this.src.length) {
        throw new HclSyntaxError(pos, `heredoc not terminated: expected a line containing only "${anchor}"`);
      }
      const newline = this.src.indexOf('\n', cursor);
      const lineEnd = newline < 0 ? this.src.length : newline;
      const line = this.src.slice(cursor, lineEnd).replace(/\r$/, '');
      const marker = indented ? line.replace(/^[ \t]+/, '') : line;
      if (marker === anchor) {
        this.#advance(lineEnd - this.#offset);
        return {
          kind: 'heredoc',
          text: heredocText(lines, line.slice(0, line.length - anchor.length)),
          number: 0,
          pos,
        };
      }
      lines.push(line);
      cursor = newline < 0 ? this.src.length : newline + 1;
    }
  }
}

/** HCL's unindentHeredoc: strip the marker's indent only if every line carries it. */
function heredocText(lines: readonly string[], indent: string): string {
  const unindent = indent !== '' && lines.every((line) => line.startsWith(indent));
  return lines.map((line) => `${unindent ? line.slice(indent.length) : line}\n`).join('');
}
