import type { HclPos } from '../../../core/policy/hcl-ast.js';

/**
 * What the policy parser's tree leaves out but `policy fmt` must keep: each token's source
 * text (quotes, escapes and heredocs as written), where brackets close, and the comments.
 * Offsets count UTF-16 code units, as the core lexer's columns do.
 */
export interface HclComment {
  readonly offset: number;
  /** The comment as written, `#`/`//` to the end of the line or the whole `/* … *\/`. */
  readonly text: string;
  /** Index of the comment group (adjacent lines, nothing between them) it belongs to. */
  readonly group: number;
}

export interface HclCommentGroup {
  readonly comments: readonly HclComment[];
  readonly offset: number;
  readonly line: number;
  readonly endLine: number;
  /** The group starts on the line where the previous token ends. */
  readonly trailing: boolean;
  /** End offset of the previous token (-1 at the start). */
  readonly prevEnd: number;
  /** The previous token is `,`: the end offset of the token before it, else -1. */
  readonly beforeCommaEnd: number;
  /** Offset and line of the next token (Infinity at the end), and whether it closes a bracket. */
  readonly nextOffset: number;
  readonly nextLine: number;
  readonly nextCloses: boolean;
}

export interface HclSource {
  readonly groups: readonly HclCommentGroup[];
  offsetOf(pos: HclPos): number;
  lineOf(offset: number): number;
  /** The token starting at `pos` as written. */
  rawAt(pos: HclPos): string;
  /** Offset just past the token (or bracketed value) starting at `pos`. */
  endOf(pos: HclPos): number;
  /** Offset of the bracket closing the one at `pos`. */
  closeOf(pos: HclPos): number;
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const PUNCT = new Set(['{', '}', '[', ']', '=', ':', ',']);

export function scanHcl(src: string): HclSource {
  const base = src.startsWith('\uFEFF') ? 1 : 0;
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const tokens = new Map<number, Token>();
  const closes = new Map<number, number>();
  const stack: number[] = [];
  const pending: { comment: Omit<HclComment, 'group'>; line: number; endLine: number }[] = [];
  const groups: HclCommentGroup[] = [];
  let prev: Token | undefined;
  let beforePrev: Token | undefined;

  const flushComments = (next: Token | undefined, nextIsClose: boolean) => {
    let current: (typeof pending)[number][] = [];
    const emit = () => {
      const first = current[0];
      const last = current.at(-1);
      if (!first || !last) return;
      const index = groups.length;
      const prevEndLine = prev ? lineOf(prev.end - 1) : -1;
      groups.push({
        comments: current.map((c) => ({ ...c.comment, group: index })),
        offset: first.comment.offset,
        line: first.line,
        endLine: last.endLine,
        trailing: first.line === prevEndLine,
        prevEnd: prev ? prev.end : -1,
        beforeCommaEnd: prev?.text === ',' && beforePrev ? beforePrev.end : -1,
        nextOffset: next ? next.start : Number.POSITIVE_INFINITY,
        nextLine: next ? lineOf(next.start) : Number.POSITIVE_INFINITY,
        nextCloses: nextIsClose,
      });
      current = [];
    };
    const prevEndLine = prev ? lineOf(prev.end - 1) : -1;
    for (const c of pending) {
      const last = current.at(-1);
      const first = current[0];
      // A comment on the previous token's line is a group of its own (a line comment).
      const sameLineGroup = first !== undefined && first.line === prevEndLine;
      if (last && (sameLineGroup ? c.line !== last.endLine : c.line > last.endLine + 1)) emit();
      current.push(c);
    }
    emit();
    pending.length = 0;
  };

  const push = (token: Token, isClose: boolean) => {
    flushComments(token, isClose);
    tokens.set(token.start, token);
    beforePrev = prev;
    prev = token;
  };

  let i = base;
  while (i < src.length) {
    const ch = src[i] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '\f') {
      i++;
    } else if (ch === '#' || src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      const text = src.slice(i, stop).replace(/\r$/, '');
      pending.push({ comment: { offset: i, text }, line: lineOf(i), endLine: lineOf(i) });
      i = stop;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      pending.push({
        comment: { offset: i, text: src.slice(i, stop) },
        line: lineOf(i),
        endLine: lineOf(stop - 1),
      });
      i = stop;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      push({ start: i, end: j + 1, text: src.slice(i, j + 1) }, false);
      i = j + 1;
    } else if (src.startsWith('<<', i)) {
      const header = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(src.slice(i));
      let end = src.length;
      if (header) {
        const anchor = header[2] ?? '';
        let cursor = i + header[0].length;
        while (cursor < src.length) {
          const nl = src.indexOf('\n', cursor);
          const lineEnd = nl < 0 ? src.length : nl;
          const line = src.slice(cursor, lineEnd).replace(/\r$/, '');
          if ((header[1] === '-' ? line.replace(/^[ \t]+/, '') : line) === anchor) {
            end = cursor + line.length;
            break;
          }
          cursor = lineEnd + 1;
        }
      }
      push({ start: i, end, text: src.slice(i, end) }, false);
      i = end;
    } else if (PUNCT.has(ch)) {
      if (ch === '{' || ch === '[') stack.push(i);
      const isClose = ch === '}' || ch === ']';
      if (isClose) {
        const open = stack.pop();
        if (open !== undefined) closes.set(open, i);
      }
      push({ start: i, end: i + 1, text: ch }, isClose);
      i++;
    } else {
      let j = i + 1;
      while (
        j < src.length &&
        !/[\s{}[\]=:,"#]/.test(src[j] ?? '') &&
        !src.startsWith('//', j) &&
        !src.startsWith('/*', j)
      )
        j++;
      push({ start: i, end: j, text: src.slice(i, j) }, false);
      i = j;
    }
  }
  flushComments(undefined, false);

  const offsetOf = (pos: HclPos): number =>
    (lineStarts[pos.line - 1] ?? 0) + (pos.line === 1 ? base : 0) + pos.column - 1;
  return {
    groups,
    offsetOf,
    lineOf,
    rawAt: (pos) => tokens.get(offsetOf(pos))?.text ?? '',
    endOf: (pos) => {
      const at = offsetOf(pos);
      const close = closes.get(at);
      return close !== undefined ? close + 1 : (tokens.get(at)?.end ?? at);
    },
    closeOf: (pos) => closes.get(offsetOf(pos)) ?? src.length,
  };
}
